import type * as dynamic from "@pulumi/pulumi/dynamic";

/*
 * The object handed to `pulumi.dynamic.Resource`. Pulumi serializes it into every resource's state and
 * runs it in a separate process, so it holds nothing but a way to find the implementation: no SDK
 * clients, no credentials, no settings. Each method loads `provider/` when it runs.
 *
 * It is this module's whole `exports` on purpose: when the package is installed under node_modules,
 * Pulumi's closure serializer then stores `require("pulumi-asm-servicemesh/dist/sdk/provider-shell.js")`
 * (a few hundred bytes) instead of the functions' text. From a checkout (the demo, the tests) it is
 * serialized by value, with this module's absolute path to the implementation.
 */
const IMPLEMENTATION = require.resolve("../provider");

interface Shell extends Required<dynamic.ResourceProvider> {
  impl(): Required<dynamic.ResourceProvider>;
}

// Methods call `this.impl()` rather than a shared closure (every captured variable adds a wrapper per
// function to the serialized text) and stay on one line (the text is the compiled source).
// prettier-ignore
const providerShell: Shell = {
  configure(req) { return this.impl().configure(req); },
  check(olds, news) { return this.impl().check(olds, news); },
  diff(id, olds, news) { return this.impl().diff(id, olds, news); },
  create(inputs) { return this.impl().create(inputs); },
  read(id, props) { return this.impl().read(id, props); },
  update(id, olds, news) { return this.impl().update(id, olds, news); },
  delete(id, props) { return this.impl().delete(id, props); },
  impl() {
    try {
      return require(IMPLEMENTATION).serviceMeshProvider;
    } catch (e) {
      // The checkout that recorded this path is gone: use the package installed beside the program.
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") throw e;
      const moved = require.resolve("pulumi-asm-servicemesh/provider", { paths: [process.cwd()] });
      return require(moved).serviceMeshProvider;
    }
  },
};

export = providerShell;
