export { memberFor } from "../members/member-for.ts";
export { insertPerson, registerMember, validName } from "../members/register.ts";
export { audienceOf, getMember, listDependants, type MemberView, presentMember } from "../members/view.ts";
