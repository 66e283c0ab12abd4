// The package as a new user gets it: `npm pack` of this checkout (prepack builds), installed from the tarball
// into a fresh Pulumi TypeScript program, type-checked with the TypeScript versions
// docs/installation-configuration.md supports under both generations of Pulumi's template tsconfig, and run
// with the real pulumi CLI against the emulator and a real kube-apiserver.
//
// Installs into a scratch directory under the OS temp dir (removed at exit), from the npm registry with
// --prefer-offline: the program's dependencies (@pulumi/pulumi 3.248.0, typescript 5.9.3, @types/node 20,
// and this package's own dependencies), typescript 5.0.4 and 6.0.3 side by side, and a second program
// with @pulumi/pulumi 3.139.0, the floor of the peer range.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { clusterReader } from "../support/kube-read";
import { providerEnv, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import {
  describeRun,
  installTypeScripts,
  makeConsumer,
  packPackage,
  PULUMI_TEMPLATE_TSCONFIGS,
  documentedConsumerAllowScripts,
  ROOT,
  typeCheck,
  writeTsconfig,
  type Consumer,
  type Packed,
  type TemplateName,
} from "../support/package-consumer";
import { removeOnExit, runCommand } from "../support/processes";
import { servedSchema } from "../support/plugin-sdk";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

const OLDEST_TS5 = "5.0.4";
const PULUMI_FLOOR = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).peerDependencies[
  "@pulumi/pulumi"
].slice(1);
const TS6 = "6.0.3";
const TEMPLATES = Object.keys(PULUMI_TEMPLATE_TSCONFIGS) as TemplateName[];
const [TEMPLATE_2024, TEMPLATE_2026] = TEMPLATES as [TemplateName, TemplateName];

/** Every `.ts` source under the shipped directories, as the dist path its build output has (no extension). */
function shippedModules(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name.slice(0, -3))] : [],
    );
  return ["sdk", "provider", "plugin", "emulator"].flatMap(walk).map((m) => `dist/${m}`);
}

/** Files of the installed package that stack frames in `text` name. */
function packageFrames(text: string): string[] {
  return [...text.matchAll(/\(?(\/[^\s():]+\/node_modules\/pulumi-asm-servicemesh\/[^\s():]+):\d+:\d+/g)].map(
    (m) => m[1]!,
  );
}

describe("the published package, installed into a new Pulumi program", () => {
  let scratch: string;
  let packed: Packed;
  let consumer: Consumer;
  let tsc: Record<string, string>;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "asm-package-"));
    removeOnExit(scratch);
    packed = await packPackage(scratch);
    consumer = await makeConsumer(join(scratch, "program"), packed.tarball, documentedConsumerAllowScripts());
    tsc = {
      ...(await installTypeScripts(join(scratch, "typescripts"), [OLDEST_TS5, TS6])),
      "5.9.3": join(consumer.dir, "node_modules", "typescript", "bin", "tsc"),
    };
  });
  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("packs the built JavaScript and declarations, the plugin and its schema, README and docs, LICENSE and CHANGELOG, and nothing else", () => {
    // docs/ ships so that the README's links resolve in node_modules too.
    const docs = readdirSync(join(ROOT, "docs")).map((page) => `docs/${page}`);
    assert.deepEqual(
      packed.files.filter((f) => f.startsWith("docs/")),
      docs.sort(),
    );
    const outside = packed.files.filter((f) => !/^(dist\/(sdk|provider|plugin|emulator)|docs)\//.test(f));
    assert.deepEqual(outside, [
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "bin/pulumi-resource-asm-servicemesh",
      "package.json",
    ]);
    const unexpected = packed.files.filter(
      (f) => f.startsWith("dist/") && !/\.(js|d\.ts)$/.test(f) && f !== "dist/plugin/schema.json",
    );
    assert.deepEqual(unexpected, [], "dist/ ships only .js and .d.ts: no source maps, no TypeScript sources");
    const missing = shippedModules().flatMap((m) => [`${m}.js`, `${m}.d.ts`].filter((f) => !packed.files.includes(f)));
    assert.deepEqual(missing, [], "every module of sdk/, provider/, plugin/ and emulator/ ships built, with its types");
    assert.ok(
      !packed.files.some((f) => /(^|\/)(tests?|scripts|\.demo|examples|tools|devkit)\//.test(f)),
      packed.files.join("\n"),
    );
    console.log(`tarball: ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${packed.files.length} files`);
  });

  it("installs from the tarball beside @pulumi/pulumi, quiet about install scripts under the documented policy", () => {
    const installed = join(consumer.dir, "node_modules", "pulumi-asm-servicemesh");
    assert.ok(existsSync(join(installed, "dist", "sdk", "index.js")));
    assert.doesNotMatch(consumer.install.stderr, /install-scripts|allowScripts/, describeRun(consumer.install));
  });

  it("installs the provider plugin as node_modules/.bin/pulumi-resource-asm-servicemesh, which serves its schema", async () => {
    const plugin = join(consumer.dir, "node_modules", ".bin", "pulumi-resource-asm-servicemesh");
    const served = JSON.parse(await servedSchema(join(scratch, "plugin-home"), plugin));
    assert.deepEqual(served, JSON.parse(readFileSync(join(ROOT, "plugin", "schema.json"), "utf8")));
  });

  // Two compilers at a time (each file its own tsconfig): the machine has two cores, and each tsc is one.
  describe("the README example with Pulumi's template tsconfig", { concurrency: 2 }, () => {
    const cases = [OLDEST_TS5, "5.9.3", TS6].flatMap((version) =>
      TEMPLATES.filter((t) => version !== TS6 || t === TEMPLATE_2026).map((template) => ({ version, template })),
    );
    cases.forEach(({ version, template }, i) => {
      it(`type-checks with TypeScript ${version} and Pulumi's ${template}`, async () => {
        const tsconfig = await writeTsconfig(
          consumer.dir,
          `tsconfig.check-${i}.json`,
          PULUMI_TEMPLATE_TSCONFIGS[template],
        );
        const r = await typeCheck(tsc[version]!, consumer.dir, tsconfig);
        assert.equal(r.code, 0, describeRun(r));
      });
    });

    it(`TypeScript ${TS6} rejects only the 2024 template's own moduleResolution (TS5107) until it sets ignoreDeprecations`, async () => {
      // GIVEN the 2024 template unchanged: the one error is about the program's tsconfig, none about the package
      const template = PULUMI_TEMPLATE_TSCONFIGS[TEMPLATE_2024];
      const plain = await typeCheck(tsc[TS6]!, consumer.dir, await writeTsconfig(consumer.dir, "t6.json", template));
      const errors = plain.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
      assert.equal(errors.length, 1, describeRun(plain));
      assert.match(errors[0]!, /t6\.json.*error TS5107: Option 'moduleResolution=node10' is deprecated/);
      // WHEN the program adds the one-line remedy docs/installation-configuration.md gives THEN it type-checks
      const remedied = { ...template, compilerOptions: { ...template.compilerOptions, ignoreDeprecations: "6.0" } };
      const r = await typeCheck(
        tsc[TS6]!,
        consumer.dir,
        await writeTsconfig(consumer.dir, "t6-remedied.json", remedied),
      );
      assert.equal(r.code, 0, describeRun(r));
    });
  });

  it(`type-checks and previews the README example with the peer range's floor, @pulumi/pulumi ${PULUMI_FLOOR}`, async () => {
    const floor = await makeConsumer(
      join(scratch, "floor"),
      packed.tarball,
      documentedConsumerAllowScripts(),
      PULUMI_FLOOR,
    );
    const installed = JSON.parse(
      readFileSync(join(floor.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
    );
    assert.equal(installed.version, PULUMI_FLOOR);
    const r = await typeCheck(tsc["5.9.3"]!, floor.dir, join(floor.dir, "tsconfig.json"));
    assert.equal(r.code, 0, describeRun(r));
    // The SDK's own dynamic-provider host runs the installed package's configure, check and diff.
    const project = await pulumiProject({ dir: floor.dir });
    try {
      const preview = await project.previewJson();
      const steps = preview.steps.map((s: any) => `${s.op} ${s.urn.split("::").pop()}`);
      assert.ok(steps.includes("create mesh"), JSON.stringify(preview, null, 2));
    } finally {
      await project.cleanup();
    }
  });

  describe("run with the real pulumi CLI", () => {
    let world: MeshWorld;
    let env: Record<string, string>;
    let project: PulumiProject;
    before(async () => {
      world = await startMeshWorld(JSON.parse(readFileSync(join(ROOT, "scripts", "demo", "seed.json"), "utf8")));
      env = {
        ...providerEnv(world.emulator, world.accessKeyId, world.accessKeySecret),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
        KUBECONFIG: world.kube.kubeconfigPath,
      };
      project = await pulumiProject({ dir: consumer.dir, env });
    });
    after(async () => {
      await project?.cleanup();
      await world?.stop();
    });

    it("creates the README's mesh through the installed package, which the state references by name", async () => {
      await project.up();
      const outputs = await project.stackOutputs();
      assert.deepEqual(
        world.emulator.inventory().meshes.map((m) => m.serviceMeshId),
        [outputs.meshId],
      );
      assert.equal((outputs.conditions as { status: string }[]).filter((c) => c.status === "True").length, 4);
      // The serialized provider is a require of the installed package, not the checkout's code.
      const state = await project.exportStack();
      const mesh = state.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
      assert.match(mesh.outputs.__provider, /require\("pulumi-asm-servicemesh\/dist\/sdk\/provider-shell\.js"\)/);
      assert.doesNotMatch(mesh.outputs.__provider, new RegExp(ROOT.replace(/[/.]/g, "\\$&")));
    });

    it("shows a failure once, and its stack trace names only files the package ships", async () => {
      // GIVEN a namespace with sidecar injection, so delete refuses (an error thrown in the provider)
      await clusterReader(world.kube.kubeconfig).labelNamespace("shop", { "istio-injection": "enabled" });
      const refused = await project.destroy([], { allowFailure: true });
      assert.notEqual(refused.code, 0);
      const output = refused.stdout + refused.stderr;
      assert.match(output, /sidecar-injected namespaces: shop/);
      // The engine reports the message; the host's echo of the same error with its stack is dropped.
      assert.deepEqual(packageFrames(output), [], output);
      // The stack a user sees when the error surfaces elsewhere (a debugger, their own tooling) is Node's
      // with source maps on, as Pulumi's runtime runs: it names shipped .js files, never missing .ts ones.
      const state = await project.exportStack();
      const mesh = state.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
      const stack = await runCommand(
        process.execPath,
        [
          "--enable-source-maps",
          "-e",
          `require("pulumi-asm-servicemesh/provider").serviceMeshProvider
             .delete(process.env.MESH_ID, JSON.parse(process.env.MESH_OUTPUTS))
             .then(() => console.log("deleted"), (e) => console.log(e.stack))`,
        ],
        {
          cwd: consumer.dir,
          env: { ...process.env, ...env, MESH_ID: mesh.id, MESH_OUTPUTS: JSON.stringify(mesh.outputs) },
        },
      );
      assert.match(stack.stdout, /cannot delete ServiceMesh .*sidecar-injected namespaces: shop/, describeRun(stack));
      const frames = packageFrames(stack.stdout);
      assert.ok(frames.length > 0, `no stack frame in the package:\n${stack.stdout}`);
      const installed = join(consumer.dir, "node_modules", "pulumi-asm-servicemesh");
      for (const file of frames) {
        assert.ok(existsSync(file), `stack frame names ${relative(installed, file)}, which the package does not ship`);
        assert.match(file, /\.js$/);
      }
      // WHEN the namespace goes THEN destroy completes
      await clusterReader(world.kube.kubeconfig).deleteNamespace("shop");
      await project.destroy();
    });
  });
});
