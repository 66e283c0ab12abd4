import * as path from "node:path";
import ts from "typescript";
import { PLUGIN_CONFIG } from "../plugin/config";
import { GO_MODULE, PACKAGE, PYTHON_PACKAGE, SERVICE_MESH_TOKEN } from "../plugin/package-name";
import { SECRET_INPUTS, SECRET_OUTPUTS } from "../sdk/secret-inputs";

/**
 * The provider plugin's Pulumi schema, generated from the one contract in sdk/: every property of
 * `ServiceMeshArgs` is an input and every property of `ServiceMeshOutputs` an output, with the types,
 * optionality, documentation and `@default`s written there. `npm run schema` writes plugin/schema.json;
 * a unit test fails when the file and the sdk/ types part. Types map as the SDK class's do:
 * `pulumi.Input<T>` is T, a union of string literals is a string (its values named in the description),
 * an interface or object literal is an object type of its own.
 */
export function schemaFromSdk(root: string): Record<string, unknown> {
  const files = ["sdk/args.ts", "sdk/outputs.ts"].map((file) => path.join(root, file));
  const program = ts.createProgram(files, { strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const types: Record<string, ObjectTypeSpec> = {};
  const find = (name: string) => findInterface(program, files, name);

  const inputs = objectSpec(find("ServiceMeshArgs"), "ServiceMesh", [...SECRET_INPUTS]);
  const outputs = objectSpec(find("ServiceMeshOutputs"), "ServiceMesh", [...SECRET_OUTPUTS, ...SECRET_INPUTS]);

  function objectSpec(members: ts.NodeArray<ts.TypeElement>, owner: string, secrets: string[] = []) {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = member.name.getText();
      const symbol = checker.getSymbolAtLocation(member.name)!;
      const type = typeSpec(member.type, `${owner}${pascal(name)}`);
      const doc = describe(symbol, type.values);
      properties[name] = {
        ...type.spec,
        ...(doc ? { description: doc } : {}),
        ...(secrets.includes(name) ? { secret: true } : {}),
      };
      if (!member.questionToken && !type.optional) required.push(name);
    }
    return { properties, required };
  }

  function describe(symbol: ts.Symbol, values: string[] | undefined): string {
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const fallback = symbol.getJsDocTags().find((tag) => tag.name === "default");
    const defaultText = fallback ? ts.displayPartsToString(fallback.text).trim() : "";
    return [text, values ? `One of: ${values.join(", ")}.` : "", defaultText ? `Default: ${defaultText}.` : ""]
      .filter(Boolean)
      .join("\n\n");
  }

  function typeSpec(node: ts.TypeNode, hint: string): MappedType {
    if (ts.isUnionTypeNode(node)) {
      const present = node.types.filter((t) => !isUndefined(t));
      const optional = present.length < node.types.length;
      const mapped =
        present.length === 1 ? typeSpec(present[0]!, hint) : literalUnion(checker.getTypeFromTypeNode(node));
      return { ...mapped, optional: optional || mapped.optional };
    }
    if (node.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(node)) return { spec: { type: "string" } };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { spec: { type: "boolean" } };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return { spec: { type: "number" } };
    if (ts.isArrayTypeNode(node)) return { spec: { type: "array", items: typeSpec(node.elementType, hint).spec } };
    if (ts.isTypeLiteralNode(node)) return { spec: refTo(hint, objectSpec(node.members, hint)) };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText().split(".").pop()!;
      const args = node.typeArguments ?? [];
      if (["Input", "In", "Unwrap"].includes(name) && args[0]) return typeSpec(args[0], hint);
      if (name === "Record" && args[1])
        return { spec: { type: "object", additionalProperties: typeSpec(args[1], hint).spec } };
      const declaration = checker.getSymbolAtLocation(node.typeName)?.declarations?.[0];
      const target = declaration && ts.isImportSpecifier(declaration) ? aliased(node.typeName) : declaration;
      if (target && ts.isTypeAliasDeclaration(target)) return typeSpec(target.type, hint);
      if (target && ts.isInterfaceDeclaration(target)) {
        const name = typeName(target.name.text);
        return { spec: refTo(name, objectSpec(target.members, name)) };
      }
    }
    throw new Error(`schema: no mapping for type ${node.getText()} (${hint})`);
  }

  function aliased(name: ts.EntityName): ts.Declaration | undefined {
    const symbol = checker.getSymbolAtLocation(name);
    return symbol && checker.getAliasedSymbol(symbol).declarations?.[0];
  }

  /**
   * The schema's name for an sdk/ interface: `XArgs` is `X` (codegen adds `Args` back for inputs), and
   * `XOutput` is `X`, or `XStatus` where an `XArgs` takes that name (LoadBalancerOutput beside
   * LoadBalancerArgs).
   */
  function typeName(interfaceName: string): string {
    if (interfaceName.endsWith("Args")) return interfaceName.slice(0, -"Args".length);
    const base = interfaceName.replace(/Output$/, "");
    return hasInterface(program, files, `${base}Args`) ? `${base}Status` : base;
  }

  function refTo(name: string, spec: { properties: Record<string, PropertySpec>; required: string[] }): PropertySpec {
    types[`${PACKAGE}:index:${name}`] ??= {
      type: "object",
      properties: spec.properties,
      required: spec.required.length ? spec.required : undefined,
    };
    return { $ref: `#/types/${PACKAGE}:index:${name}` };
  }

  const provider = configSpec();
  return JSON.parse(
    JSON.stringify({
      name: PACKAGE,
      version: (require(path.join(root, "package.json")) as { version: string }).version,
      displayName: "Alibaba Cloud Service Mesh (ASM) ServiceMesh",
      description:
        "An ASM mesh for an ACK cluster, with the servicemesh-operator's ServiceMesh custom resource and status conditions.",
      keywords: ["pulumi", "alibaba-cloud", "asm", "service-mesh", "istio", "kind/native"],
      license: "Apache-2.0",
      config: { variables: provider.properties },
      provider: {
        description: "The provider's settings; each unset one falls back to its environment variable.",
        inputProperties: provider.properties,
      },
      types,
      resources: {
        [SERVICE_MESH_TOKEN]: {
          description:
            "An Alibaba Cloud Service Mesh (ASM) instance for an ACK cluster, the cluster enrolled and the mesh configured, reported as four ordered conditions on a `ServiceMesh` custom resource (the in-cluster servicemesh-operator's behaviour). `pulumi import` takes `<meshId>` or `<meshId>/<clusterId>`.",
          inputProperties: inputs.properties,
          requiredInputs: inputs.required,
          properties: outputs.properties,
          required: outputs.required,
        },
      },
      // respectSchemaVersion: the generated SDKs carry this version (the wheel's, pulumi-plugin.json's)
      // instead of the generators' 0.0.0 placeholder, so every language installs one version.
      language: {
        python: { packageName: PYTHON_PACKAGE, requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
        go: { importBasePath: GO_MODULE, generateResourceContainerTypes: true, respectSchemaVersion: true },
        csharp: { rootNamespace: "PulumiAsm", packageReferences: { Pulumi: "3.*" } },
      },
    }),
  ) as Record<string, unknown>;
}

interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
}

interface ObjectTypeSpec {
  type: "object";
  properties: Record<string, PropertySpec>;
  required?: string[];
}

interface MappedType {
  spec: PropertySpec;
  optional?: boolean;
  /** The allowed values of a string-literal union. */
  values?: string[];
}

function literalUnion(type: ts.Type): MappedType {
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  const values = members.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
  if (values.length !== members.length) throw new Error("schema: only unions of string literals are mapped");
  return { spec: { type: "string" }, values };
}

function isUndefined(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function interfaceNamed(program: ts.Program, files: string[], name: string): ts.InterfaceDeclaration | undefined {
  for (const file of files) {
    const found = program
      .getSourceFile(file)
      ?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (found) return found;
  }
  return undefined;
}

const hasInterface = (program: ts.Program, files: string[], name: string) =>
  interfaceNamed(program, files, name) !== undefined;

function findInterface(program: ts.Program, files: string[], name: string): ts.NodeArray<ts.TypeElement> {
  const found = interfaceNamed(program, files, name);
  if (!found) throw new Error(`schema: interface ${name} not found in ${files.join(", ")}`);
  return found.members;
}

function configSpec(): { properties: Record<string, PropertySpec> } {
  const properties = Object.fromEntries(
    Object.entries(PLUGIN_CONFIG).map(([name, c]) => [
      name,
      { type: c.type, description: c.description, ...(c.secret ? { secret: true } : {}) },
    ]),
  );
  return { properties };
}
