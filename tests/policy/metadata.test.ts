import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CIS_CONTROLS } from "../../policy/catalog";
import { controlMetadata, README_SECTIONS, readmeSection } from "../../policy/policies/metadata";
import { ROOT } from "../helpers/program";

describe("where the pack's policies point readers in Pulumi Cloud", () => {
  const headings = fs
    .readFileSync(path.join(ROOT, "README.md"), "utf8")
    .split("\n")
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, ""));

  it("is a section of the project's README for each policy", () => {
    for (const heading of Object.values(README_SECTIONS)) assert.ok(headings.includes(heading), heading);
  });

  it("is that section's anchor as GitHub makes it, on the page package.json's homepage names", () => {
    const home = "https://example.org/cis-monitoring#readme";
    assert.equal(
      readmeSection(README_SECTIONS.trailHardening, home),
      "https://example.org/cis-monitoring#the-trail-passes-cis-section-3-itself",
    );
    for (const control of CIS_CONTROLS)
      assert.equal(controlMetadata(control, home).url, "https://example.org/cis-monitoring#the-controls");
  });

  it("is left out while package.json names no homepage, rather than a link that leads nowhere", () => {
    assert.equal(readmeSection(README_SECTIONS.controls, undefined), undefined);
  });
});
