import type { FieldKind } from "../../provider/model/mesh-config-fields";

const STRING_SAMPLES = ["sls-proj", "10.0.0.0/8", "15020,9090", "5s", "kube-system", "http://prom.example:9090"];

/**
 * A valid value of each kind of `meshConfig` field, different from ASM's defaults, so a value read back
 * proves the setting arrived. Shared by the unit tables and the official-SDK contract test.
 */
export function sampleFor(kind: FieldKind): string | number | boolean {
  switch (kind.type) {
    case "boolean":
      return true;
    case "cpu":
      return "300m";
    case "memory":
      return "300Mi";
    case "number":
      return kind.integer ? 30 : 12.5;
    case "oneOf":
      return kind.values[kind.values.length - 1] ?? "";
    case "string": {
      const sample = STRING_SAMPLES.find((v) => kind.pattern.test(v));
      if (sample === undefined) throw new Error(`no sample matches ${kind.allowed}`);
      return sample;
    }
  }
}
