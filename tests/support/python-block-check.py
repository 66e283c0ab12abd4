"""Checks documentation Python blocks against the installed pulumi_asm_servicemesh SDK.

Arguments: a JSON file holding a list of code strings, and the value that stands for an unknown input. Prints, per block, the errors (a line and a
message: a syntax error, a keyword an SDK class does not take) and the literal inputs of every
`ServiceMesh(...)` call, named as the schema names them (camelCase), for the core's rules to check.
A value that is not a literal (a variable, an Output) is unknown until the program runs: it is given as
the unknown value, which the rules let through, as they do at preview.
"""
import ast
import inspect
import json
import re
import sys

import pulumi_asm_servicemesh as sdk


def camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def sdk_class(func):
    """The SDK class a call names: `sdk.ServiceMesh`, `pulumi_asm_servicemesh.X`, or a bare imported name."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    cls = getattr(sdk, name, None) if name else None
    return (name, cls) if inspect.isclass(cls) else (None, None)


def accepted(name, cls):
    """The keywords a class takes: a resource takes its Args' fields and `opts`."""
    if name == "ServiceMesh":
        return set(inspect.signature(sdk.ServiceMeshArgs.__init__).parameters) - {"__self__", "self"} | {"opts"}
    return set(inspect.signature(cls.__init__).parameters) - {"__self__", "self"}


def literal(node):
    """A literal value, the SDK's Args calls read as the dictionaries they stand for; UNKNOWN if not literal."""
    if isinstance(node, ast.Call) and sdk_class(node.func)[1] is not None:
        return {camel(k.arg): literal(k.value) for k in node.keywords if k.arg}
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return {k.value: literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, (ast.List, ast.Tuple)):
        return [literal(v) for v in node.elts]
    try:
        return ast.literal_eval(node)
    except ValueError:
        return UNKNOWN


def check(code):
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        return {"errors": [{"line": e.lineno or 1, "message": f"SyntaxError: {e.msg}"}], "meshes": []}
    errors, meshes = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, cls = sdk_class(node.func)
        if cls is None:
            continue
        allowed = accepted(name, cls)
        for k in node.keywords:
            if k.arg and k.arg not in allowed:
                errors.append({"line": node.lineno, "message": f"{name}() takes no keyword {k.arg!r}; it takes {', '.join(sorted(allowed))}"})
        if name == "ServiceMesh":
            meshes.append({camel(k.arg): literal(k.value) for k in node.keywords if k.arg and k.arg != "opts"})
    return {"errors": errors, "meshes": meshes}


UNKNOWN = sys.argv[2]
with open(sys.argv[1]) as f:
    print(json.dumps([check(code) for code in json.load(f)]))
