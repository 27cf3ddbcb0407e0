import { describe, expect, it } from "vitest";
import {
  describeTermsChange,
  resolveVersions,
  type Terms,
  termsChanges,
} from "../../../src/domain/plan/terms.ts";

const stored: Terms = {
  name: "计划",
  document: { sources: [] },
  versions: resolveVersions([
    { effective: "2020-01-01", rules: { fees: [{ percent: 8 }], waiting: [] } },
    { effective: "2020-06-01", changes: { fees: [{ percent: 6 }] } },
  ]),
};

describe("termsChanges", () => {
  it("resolves patches onto the previous version, as stored", () => {
    expect(stored.versions[1]!.rules).toEqual({ fees: [{ percent: 6 }], waiting: [] });
  });

  it("the same terms, keys in another order, are no change", () => {
    const again: Terms = {
      ...stored,
      versions: [
        { effective: "2020-01-01", rules: { waiting: [], fees: [{ percent: 8 }] }, summary: null },
        stored.versions[1]!,
      ],
    };
    expect(termsChanges(stored, again)).toEqual([]);
  });

  it("names each version added, changed or left out, by its place in the document", () => {
    const doc: Terms = {
      ...stored,
      versions: [
        { ...stored.versions[0]!, rules: { fees: [{ percent: 50 }], waiting: [] } },
        { effective: "2021-01-01", rules: {}, summary: null },
      ],
    };
    const changes = termsChanges(stored, doc);
    expect(changes).toEqual([
      { field: "versions[0]", effective: "2020-01-01", change: "changed" },
      { field: "versions[1]", effective: "2021-01-01", change: "added" },
      { field: "versions", effective: "2020-06-01", change: "removed" },
    ]);
    expect(changes.map(describeTermsChange)).toEqual([
      "version 2020-01-01 would be changed",
      "version 2021-01-01 would be added",
      "version 2020-06-01 would be removed",
    ]);
  });

  it("a changed summary or name is a change too", () => {
    const doc: Terms = {
      ...stored,
      name: "新名字",
      versions: [{ ...stored.versions[0]!, summary: "x" }, stored.versions[1]!],
    };
    expect(termsChanges(stored, doc).map((c) => c.field)).toEqual(["versions[0]", "name"]);
  });
});
