"""Read YAML (or JSON) safely while keeping line numbers for error messages.

Parsing is ``yaml.safe_load``'s: the safe constructor only (plain data, no arbitrary objects),
through libyaml's ``CSafeLoader`` where installed because the pure-Python parser is nine times
slower on the knowledge base. pydantic reports a location as a path of keys and indexes;
``LineMap`` turns that path back into the line of the YAML node, composing the node tree only
when an error actually needs a line. Duplicate keys are errors.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from advisor.kb.errors import InputError, Problem

M = TypeVar("M", bound=BaseModel)

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader that refuses duplicate mapping keys: YAML would silently keep the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key_node, yaml.ScalarNode) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class LineMap:
    """Maps a pydantic location to a line. Built from a node, or lazily from the source text."""

    def __init__(self, node: yaml.Node | None = None, text: str | None = None):
        self._node = node
        self._text = text

    @property
    def root(self) -> yaml.Node | None:
        if self._node is None and self._text is not None:
            try:
                self._node = yaml.compose(self._text, Loader=_BaseLoader)
            except yaml.YAMLError:
                self._node = None
            self._text = None
        return self._node

    def line(self, path: Sequence[str | int]) -> int | None:
        node = self.root
        best = node.start_mark.line + 1 if node is not None else None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(key)), None)
                if pair is None:
                    return best
                best = pair[0].start_mark.line + 1
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                best = node.start_mark.line + 1
            else:
                return best
        return best


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(name, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None


def read_document(path: Path, label: str | None = None) -> tuple[Any, LineMap]:
    """Parse one YAML or JSON file; any failure becomes an InputError naming the file and line."""
    name = label or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, "", "is a folder, expected a file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, None, "", f"cannot read file: {exc.strerror or exc}")]) from None
    text = _decode(raw, name)
    if path.suffix == ".json":
        try:
            return json.loads(text), LineMap(text=text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(name, exc.lineno, "", f"JSON syntax error: {exc.msg}")]) from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        msg = getattr(exc, "problem", None) or str(exc)
        kind = "YAML error" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
        raise InputError([Problem(name, line, "", f"{kind}: {msg}")]) from None
    return data, LineMap(text=text)


def _unwrap(annotation: Any, key: str | int) -> Any:
    """The type found one step down ``annotation`` at ``key`` (list index, dict key or field)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _unwrap(arg, key)
                if found is not None:
                    return found
        return None
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], key)
    if origin in (list, tuple, set) and isinstance(key, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(key, str):
        field = annotation.model_fields.get(key)
        return field.annotation if field is not None else None
    return None


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names the schema allows at ``loc`` (empty when the path leaves the models)."""
    annotation: Any = model
    for key in loc:
        annotation = _unwrap(annotation, key)
        if annotation is None:
            return []
    while typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if args else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _shown(value: Any) -> str | None:
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 60:
        return repr(value)
    return None


def validation_problems(
    exc: ValidationError,
    name: str,
    lines: LineMap,
    prefix: Sequence[str | int] = (),
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        raw_loc = [p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-")]
        loc = [*prefix, *raw_loc]
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
            allowed = _fields_at(model, raw_loc[:-1]) if model is not None and raw_loc else []
            close = difflib.get_close_matches(str(raw_loc[-1]), allowed, n=1) if raw_loc else []
            if close:
                msg += f" (did you mean '{close[0]}'?)"
        elif err["type"] == "missing":
            msg = "field required"
        elif (shown := _shown(err.get("input"))) is not None:
            msg += f" (got {shown})"
        problems.append(Problem(name, lines.line(loc), dotted(loc), msg))
    return problems


def _root_problem(model: type[BaseModel], data: Any, name: str) -> Problem | None:
    """A whole-document shape error said plainly, instead of pydantic's model-type message."""
    if isinstance(data, dict):
        return None
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    want = (
        "a mapping with top-level key " + ", ".join(f"'{k}'" for k in required)
        if required
        else "a mapping of fields"
    )
    if data is None:
        return Problem(name, 1, "", f"file is empty: expected {want}")
    found = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
    return Problem(name, 1, "", f"expected {want}, found {found}")


def validate_document(model: type[M], data: Any, name: str, lines: LineMap) -> M:
    root = _root_problem(model, data, name)
    if root is not None:
        raise InputError([root])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, name, lines, model=model)) from None
