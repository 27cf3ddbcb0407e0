import { arr, int, nullable, obj, str } from "../domain/json-schema.ts";

/** A dependant enrolment as the guardian sees it (dependants/request.ts requestView): masked. */
export const DependantRequestSchema = obj({
  requestId: int,
  memberId: int,
  relation: str,
  state: str,
  name: str,
  mobile: nullable(str),
  document: nullable(obj({ sha256: str, contentType: str })),
  refusal: nullable(str),
  dependantId: nullable(int),
  createdAt: str,
});
export const DependantRequestListSchema = obj({ items: arr(DependantRequestSchema) });
/** The reviewers' queue (dependants/review.ts): the person masked, the guardian, the document's hash. */
export const ReviewQueueSchema = obj({
  items: arr(
    obj({
      requestId: int,
      relation: str,
      person: obj({ name: str, residentId: str, ageYears: int, sex: str }),
      guardian: obj({ memberId: int, name: str, ageYears: int }),
      document: obj({ sha256: str, contentType: str }),
    }),
  ),
});
