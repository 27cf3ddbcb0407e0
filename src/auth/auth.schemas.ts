import { int, obj, str } from "../domain/json-schema.ts";
import { MemberSchema } from "../members/members.schemas.ts";

/** A member's session: the bearer token, when it ends, and whose it is. */
export const MemberSessionSchema = obj({ token: str, expiresAt: str, memberId: int });
export const RegisteredSchema = obj({ member: MemberSchema, token: str, expiresAt: str });
