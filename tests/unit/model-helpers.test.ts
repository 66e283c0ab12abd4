import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_TIMEOUT, parseDuration } from "../../provider/model/durations";
import {
  defaultEdition,
  defaultMeshName,
  EDITIONS,
  fromClusterSpec,
  isChineseMainland,
  isDowngrade,
  isEdition,
  STANDARD_POD_LIMIT,
  toClusterSpec,
} from "../../provider/model/editions";
import { isUnknown, UNKNOWN } from "../../provider/model/unknown";
import { kubernetesMinorAtLeast, MIN_KUBERNETES } from "../../provider/model/kubernetes-version";

describe("kubernetesMinorAtLeast 1.28", () => {
  const cases: [string, boolean][] = [
    ["1.28.3-aliyun.1", true],
    ["1.32.1-aliyun.1", true],
    ["v1.28.0", true],
    ["1.28", true],
    [" 1.30.1 ", true],
    ["2.0.0", true],
    ["1.27.9-aliyun.1", false],
    ["v1.26.3", false],
    ["1.100.0", true],
    ["1.2.99", false],
    ["0.99.0", false],
    ["", false],
    ["latest", false],
    ["v1", false],
  ];
  for (const [version, expected] of cases) {
    it(`${expected ? "accepts" : "refuses"} "${version}"`, () =>
      assert.equal(kubernetesMinorAtLeast(version, MIN_KUBERNETES), expected));
  }

  it("is the pre-check's minimum", () => assert.deepEqual(MIN_KUBERNETES, { major: 1, minor: 28 }));
});

describe("editions", () => {
  it("lists editions in upgrade order with Standard limited to 50 pods", () => {
    assert.deepEqual(EDITIONS, ["Standard", "Enterprise", "Ultimate"]);
    assert.equal(STANDARD_POD_LIMIT, 50);
  });

  const api: [string | undefined, string | undefined][] = [
    ["standard", "Standard"],
    ["enterprise", "Enterprise"],
    ["ultimate", "Ultimate"],
    ["Ultimate", "Ultimate"],
    ["pro", undefined],
    ["", undefined],
    [undefined, undefined],
  ];
  for (const [clusterSpec, edition] of api) {
    it(`reads API clusterSpec ${String(clusterSpec)} as ${String(edition)}`, () =>
      assert.equal(fromClusterSpec(clusterSpec), edition));
  }

  it("writes editions in the API's lower case", () => {
    assert.deepEqual(EDITIONS.map(toClusterSpec), ["standard", "enterprise", "ultimate"]);
  });

  it("recognises only the three editions, case-sensitively", () => {
    assert.deepEqual(["Standard", "Enterprise", "Ultimate", "standard", "", 1, null].map(isEdition), [
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("calls a move to the left a downgrade", () => {
    const matrix = EDITIONS.map((from) => EDITIONS.map((to) => isDowngrade(from, to)));
    assert.deepEqual(matrix, [
      [false, false, false],
      [true, false, false],
      [true, true, false],
    ]);
  });

  const regions: [string, boolean][] = [
    ["cn-hangzhou", true],
    ["cn-shanghai", true],
    ["cn-zhangjiakou", true],
    ["cn-hongkong", false],
    ["ap-southeast-1", false],
    ["us-east-1", false],
    ["hongkong", false],
    ["", false],
  ];
  for (const [region, mainland] of regions) {
    it(`counts ${region || "(empty)"} as ${mainland ? "" : "not "}Chinese mainland and defaults to ${mainland ? "Standard" : "Enterprise"}`, () => {
      assert.equal(isChineseMainland(region), mainland);
      assert.equal(defaultEdition(region), mainland ? "Standard" : "Enterprise");
    });
  }

  it("names the default mesh after the cluster", () => assert.equal(defaultMeshName("c6490deb"), "mesh-for-c6490deb"));
});

describe("parseDuration", () => {
  const cases: [string, number | undefined][] = [
    ["30m", 1_800_000],
    ["90s", 90_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    ["2m30s", 150_000],
    ["1m1ms", 60_001],
    ["0s", undefined],
    ["30", undefined],
    ["", undefined],
    ["m", undefined],
    ["-5m", undefined],
    ["5 m", undefined],
    ["5d", undefined],
    ["1h 30m", undefined],
    ["30M", undefined],
  ];
  for (const [text, ms] of cases) {
    it(`reads "${text}" as ${ms === undefined ? "invalid" : `${ms} ms`}`, () => assert.equal(parseDuration(text), ms));
  }

  it("defaults operations to 30 minutes", () => assert.equal(parseDuration(DEFAULT_TIMEOUT), 30 * 60_000));
});

describe("unknown values", () => {
  it("recognises the engine's sentinel only", () => {
    assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.equal(isUnknown(UNKNOWN), true);
    assert.equal(isUnknown("04da6b54"), false);
    assert.equal(isUnknown(undefined), false);
  });
});
