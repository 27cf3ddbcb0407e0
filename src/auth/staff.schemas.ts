import { arr, bool, int, obj, str } from "../domain/json-schema.ts";

/** A new staff account: its second factor's otpauth URI, given only in this answer. */
export const StaffCreatedSchema = obj({ staffId: int, totpUri: str, username: str, roles: arr(str) });
export const StaffStateSchema = obj({ staffId: int, username: str, roles: arr(str), disabled: bool });
