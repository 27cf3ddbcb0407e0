import { int, obj, page, str, strEnum } from "../domain/json-schema.ts";

/** One row of the read trail (privacy/read-trail.ts): who read whose data, what, why, when. */
export const PersonalReadPageSchema = page(
  obj({
    readId: int,
    actorKind: strEnum("staff", "command"),
    actorId: int,
    subjectId: int,
    data: str,
    purpose: str,
    at: str,
  }),
);
