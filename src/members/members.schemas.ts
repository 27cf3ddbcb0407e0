import { arr, int, nullable, obj, str } from "../domain/json-schema.ts";

/** A member as the subject sees themself (masked identity: members/view.ts, domain/disclosure.ts). */
export const MemberSchema = obj(
  {
    memberId: int,
    kind: str,
    guardianId: nullable(int),
    relation: nullable(str),
    name: str,
    mobile: nullable(str),
    pseudonym: str,
    residentId: str,
    birthDate: str,
    sex: str,
  },
  ["residentId", "birthDate", "sex", "mobile"],
);
export const MeSchema = obj({ member: MemberSchema, dependants: arr(MemberSchema) });
