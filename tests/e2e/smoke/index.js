// Plain JS on purpose: the engine runs it as is, with no compile step. @pulumi/pulumi resolves from
// the repository's node_modules by Node's upward lookup, for the program and for the
// dynamic-provider plugin the engine starts in this directory.
"use strict";
const pulumi = require("@pulumi/pulumi");

// The engine serializes these functions into the state and runs them in the dynamic-provider plugin,
// so they must not capture anything from this module.
const greetingProvider = {
  async create(inputs) {
    return { id: `greeting-${inputs.name}`, outs: { name: inputs.name, message: `hello, ${inputs.name}` } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.name !== news.name };
  },
  async update(_id, _olds, news) {
    return { outs: { name: news.name, message: `hello, ${news.name}` } };
  },
  async delete() {},
};

class Greeting extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(greetingProvider, name, { message: undefined, ...args }, opts);
  }
}

const config = new pulumi.Config();
const greeting = new Greeting("greeting", { name: config.get("name") || "world" });

exports.message = greeting.message;
