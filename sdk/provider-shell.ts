import type * as dynamic from "@pulumi/pulumi/dynamic";

/*
 * The object handed to `pulumi.dynamic.Resource`. Pulumi serializes it (with everything it closes
 * over) into every resource's state and runs it in a separate process, so it stays tiny: no SDK clients,
 * no credentials, no settings. Each method loads the implementation when it runs.
 *
 * Where the implementation is found: the absolute path of this installation (recorded when the program
 * ran), else this package resolved from the program's directory (state moved to another machine).
 */
const PACKAGE = "pulumi-asm-servicemesh/provider";
const IMPLEMENTATION = require.resolve("../provider");

function impl(): Required<dynamic.ResourceProvider> {
  let path = IMPLEMENTATION;
  try {
    require.resolve(path);
  } catch {
    path = require.resolve(PACKAGE, { paths: [process.cwd()] });
  }
  return require(path).serviceMeshProvider;
}

export const providerShell: dynamic.ResourceProvider = {
  configure: (req) => impl().configure(req),
  check: (olds, news) => impl().check(olds, news),
  diff: (id, olds, news) => impl().diff(id, olds, news),
  create: (inputs) => impl().create(inputs),
  read: (id, props) => impl().read(id, props),
  update: (id, olds, news) => impl().update(id, olds, news),
  delete: (id, props) => impl().delete(id, props),
};
