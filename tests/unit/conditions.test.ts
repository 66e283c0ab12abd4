import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  allStepsTrue,
  failed,
  firstIncompleteStep,
  formatTime,
  reconciling,
  retried,
  setCondition,
  succeeded,
  waitSteady,
} from "../../provider/conditions/condition";
import { CONDITION_ORDER, SUCCESS_REASON } from "../../provider/conditions/vocabulary";
import type { Condition } from "../../provider/model/types";

const T0 = new Date("2026-01-09T02:25:19.123Z");
const T1 = new Date("2026-01-09T02:30:00.999Z");

describe("condition constructors use the seed's vocabulary", () => {
  const cases: [string, unknown, unknown][] = [
    [
      "succeeded PreChecked",
      succeeded("PreChecked"),
      { type: "PreChecked", status: "True", reason: "Passed", message: "" },
    ],
    [
      "succeeded ServiceMeshAvailable",
      succeeded("ServiceMeshAvailable"),
      { type: "ServiceMeshAvailable", status: "True", reason: "Available", message: "" },
    ],
    [
      "succeeded ClusterEnrolled",
      succeeded("ClusterEnrolled", "ok"),
      { type: "ClusterEnrolled", status: "True", reason: "Succeeded", message: "ok" },
    ],
    [
      "succeeded MeshConfigApplied",
      succeeded("MeshConfigApplied"),
      { type: "MeshConfigApplied", status: "True", reason: "Succeeded", message: "" },
    ],
    [
      "reconciling",
      reconciling("ClusterEnrolled"),
      { type: "ClusterEnrolled", status: "Unknown", reason: "Reconciling", message: "" },
    ],
    [
      "waitSteady",
      waitSteady("ServiceMeshAvailable", "mesh m1 is initial"),
      { type: "ServiceMeshAvailable", status: "Unknown", reason: "WaitSteady", message: "mesh m1 is initial" },
    ],
    ["failed", failed("PreChecked", "no"), { type: "PreChecked", status: "False", reason: "Failed", message: "no" }],
    [
      "failed Unavailable",
      failed("ServiceMeshAvailable", "gone", "Unavailable"),
      { type: "ServiceMeshAvailable", status: "False", reason: "Unavailable", message: "gone" },
    ],
    ["retried", retried("again"), { type: "Retried", status: "True", reason: "Retried", message: "again" }],
  ];
  for (const [name, actual, expected] of cases) it(`builds ${name}`, () => assert.deepEqual(actual, expected));

  it("orders conditions as the seed does", () => {
    assert.deepEqual(CONDITION_ORDER, [
      "PreChecked",
      "ServiceMeshAvailable",
      "ClusterEnrolled",
      "MeshConfigApplied",
      "Retried",
      "ServiceMeshDeleted",
    ]);
    assert.deepEqual(SUCCESS_REASON, {
      PreChecked: "Passed",
      ServiceMeshAvailable: "Available",
      ClusterEnrolled: "Succeeded",
      MeshConfigApplied: "Succeeded",
    });
  });
});

describe("setCondition follows Kubernetes transition rules", () => {
  it("stamps a new condition with the time in second precision and the generation", () => {
    assert.deepEqual(setCondition([], reconciling("PreChecked"), T0, 3), [
      {
        type: "PreChecked",
        status: "Unknown",
        reason: "Reconciling",
        message: "",
        lastTransitionTime: "2026-01-09T02:25:19Z",
        observedGeneration: 3,
      },
    ]);
  });

  it("keeps lastTransitionTime when the status is unchanged, while reason, message and generation move", () => {
    const first = setCondition([], reconciling("ServiceMeshAvailable"), T0, 1);
    const second = setCondition(first, waitSteady("ServiceMeshAvailable", "mesh m1 is initial"), T1, 2);
    assert.deepEqual(second, [
      {
        type: "ServiceMeshAvailable",
        status: "Unknown",
        reason: "WaitSteady",
        message: "mesh m1 is initial",
        lastTransitionTime: "2026-01-09T02:25:19Z",
        observedGeneration: 2,
      },
    ]);
  });

  it("moves lastTransitionTime when the status changes", () => {
    const first = setCondition([], reconciling("ServiceMeshAvailable"), T0, 1);
    const second = setCondition(first, succeeded("ServiceMeshAvailable"), T1, 1);
    assert.equal(second[0]?.lastTransitionTime, "2026-01-09T02:30:00Z");
    assert.equal(second[0]?.status, "True");
  });

  it("keeps the seed order whatever order the conditions are set in", () => {
    let conditions: Condition[] = [];
    for (const update of [
      failed("ServiceMeshDeleted", "in use"),
      retried("again"),
      succeeded("MeshConfigApplied"),
      succeeded("ClusterEnrolled"),
      succeeded("ServiceMeshAvailable"),
      succeeded("PreChecked"),
    ]) {
      conditions = setCondition(conditions, update, T0, 1);
    }
    assert.deepEqual(
      conditions.map((c) => c.type),
      ["PreChecked", "ServiceMeshAvailable", "ClusterEnrolled", "MeshConfigApplied", "Retried", "ServiceMeshDeleted"],
    );
  });

  it("puts condition types it does not know after the seed's", () => {
    const foreign: Condition = {
      type: "Custom",
      status: "True",
      reason: "X",
      message: "",
      lastTransitionTime: "2026-01-01T00:00:00Z",
      observedGeneration: 1,
    };
    const conditions = setCondition([foreign], succeeded("PreChecked"), T0, 1);
    assert.deepEqual(
      conditions.map((c) => c.type),
      ["PreChecked", "Custom"],
    );
  });

  it("does not modify the list it is given", () => {
    const original = setCondition([], reconciling("PreChecked"), T0, 1);
    const copy = structuredClone(original);
    setCondition(original, succeeded("PreChecked"), T1, 2);
    assert.deepEqual(original, copy);
  });
});

describe("formatTime", () => {
  const cases: [string, string][] = [
    ["2026-01-09T02:25:19.000Z", "2026-01-09T02:25:19Z"],
    ["2026-01-09T02:25:19.999Z", "2026-01-09T02:25:19Z"],
    ["1999-12-31T23:59:59.500Z", "1999-12-31T23:59:59Z"],
  ];
  for (const [input, expected] of cases)
    it(`formats ${input} as ${expected}`, () => assert.equal(formatTime(new Date(input)), expected));
});

describe("step progress queries", () => {
  const build = (...updates: Parameters<typeof setCondition>[1][]) =>
    updates.reduce<Condition[]>((list, u) => setCondition(list, u, T0, 1), []);

  it("finds the first step that is not True, in step order", () => {
    const conditions = build(
      succeeded("PreChecked"),
      succeeded("ServiceMeshAvailable"),
      failed("ClusterEnrolled", "boom"),
      reconciling("MeshConfigApplied"),
    );
    assert.equal(firstIncompleteStep(conditions)?.type, "ClusterEnrolled");
    assert.equal(firstIncompleteStep(conditions)?.message, "boom");
  });

  it("ignores Retried and ServiceMeshDeleted when looking for an incomplete step", () => {
    const conditions = build(succeeded("PreChecked"), failed("ServiceMeshDeleted", "in use"));
    assert.equal(firstIncompleteStep(conditions), undefined);
  });

  it("says all steps are True only when all four are present and True", () => {
    const four = build(
      succeeded("PreChecked"),
      succeeded("ServiceMeshAvailable"),
      succeeded("ClusterEnrolled"),
      succeeded("MeshConfigApplied"),
    );
    assert.equal(allStepsTrue(four), true);
    assert.equal(allStepsTrue(four.slice(0, 3)), false);
    assert.equal(allStepsTrue(setCondition(four, waitSteady("MeshConfigApplied", "updating"), T1, 2)), false);
    assert.equal(allStepsTrue([]), false);
  });
});
