// issue 16: the import moved to src/import/; this re-export keeps the other packages' imports until the lead repoints them
export { importMembers } from "../import/import.ts";
