"""Parse-tree nodes of a Go template; data only, each prints itself like Go's parse.Node.String."""

from __future__ import annotations


class Node:
    """Base of all nodes: ``pos`` is the byte offset in the template source, ``line`` its 1-based line."""

    __slots__ = ("pos", "line")

    def __init__(self, pos: int, line: int) -> None:
        self.pos = pos
        self.line = line

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self}>"


class ListNode(Node):
    """A sequence of nodes."""

    __slots__ = ("nodes",)

    def __init__(self, pos: int, line: int) -> None:
        super().__init__(pos, line)
        self.nodes: list[Node] = []

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)


class TextNode(Node):
    """Plain text between actions."""

    __slots__ = ("text",)

    def __init__(self, pos: int, line: int, text: str) -> None:
        super().__init__(pos, line)
        self.text = text

    def __str__(self) -> str:
        return self.text


class VariableNode(Node):
    """``$x`` or ``$x.a.b``; ``slot`` is the variable's place in the execution frame."""

    __slots__ = ("idents", "slot", "undeclared")

    def __init__(self, pos: int, line: int, idents: list[str], slot: int, undeclared: bool = False) -> None:
        super().__init__(pos, line)
        self.idents = idents
        self.slot = slot
        # ``$x = ...`` before any ``$x :=``: Go parses it and fails when it assigns.
        self.undeclared = undeclared

    def __str__(self) -> str:
        return ".".join(self.idents)


class PipeNode(Node):
    """A pipeline with optional declarations: ``$x := a | b c``."""

    __slots__ = ("is_assign", "decl", "cmds")

    def __init__(self, pos: int, line: int) -> None:
        super().__init__(pos, line)
        self.is_assign = False
        self.decl: list[VariableNode] = []
        self.cmds: list[CommandNode] = []

    def __str__(self) -> str:
        text = ""
        if self.decl:
            text = ", ".join(str(v) for v in self.decl) + (" = " if self.is_assign else " := ")
        return text + " | ".join(str(c) for c in self.cmds)


class CommandNode(Node):
    """One command of a pipeline: a function call, a field, a literal, ..."""

    __slots__ = ("args",)

    def __init__(self, pos: int, line: int) -> None:
        super().__init__(pos, line)
        self.args: list[Node] = []

    def __str__(self) -> str:
        return " ".join(f"({a})" if isinstance(a, PipeNode) else str(a) for a in self.args)


class ActionNode(Node):
    """``{{pipeline}}``: evaluate and print unless it declares variables."""

    __slots__ = ("pipe",)

    def __init__(self, pos: int, line: int, pipe: PipeNode) -> None:
        super().__init__(pos, line)
        self.pipe = pipe

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


class IdentifierNode(Node):
    """A function name."""

    __slots__ = ("name",)

    def __init__(self, pos: int, line: int, name: str) -> None:
        super().__init__(pos, line)
        self.name = name

    def __str__(self) -> str:
        return self.name


class FieldNode(Node):
    """``.a.b``: fields or map keys of dot."""

    __slots__ = ("idents",)

    def __init__(self, pos: int, line: int, idents: list[str]) -> None:
        super().__init__(pos, line)
        self.idents = idents

    def __str__(self) -> str:
        return "".join("." + i for i in self.idents)


class ChainNode(Node):
    """``(pipeline).a.b``: fields of a term's value."""

    __slots__ = ("node", "fields")

    def __init__(self, pos: int, line: int, node: Node, fields: list[str]) -> None:
        super().__init__(pos, line)
        self.node = node
        self.fields = fields

    def __str__(self) -> str:
        inner = f"({self.node})" if isinstance(self.node, PipeNode) else str(self.node)
        return inner + "".join("." + f for f in self.fields)


class DotNode(Node):
    """``.``: the current data."""

    __slots__ = ()

    def __str__(self) -> str:
        return "."


class NilNode(Node):
    """The untyped ``nil``."""

    __slots__ = ()

    def __str__(self) -> str:
        return "nil"


class BoolNode(Node):
    """``true`` or ``false``."""

    __slots__ = ("value",)

    def __init__(self, pos: int, line: int, value: bool) -> None:
        super().__init__(pos, line)
        self.value = value

    def __str__(self) -> str:
        return "true" if self.value else "false"


class NumberNode(Node):
    """A numeric or character literal with every reading Go allows (int, float)."""

    __slots__ = ("text", "value", "int_value", "float_value")

    def __init__(self, pos: int, line: int, text: str, value: int | float, int_value: int | None, float_value: float | None) -> None:
        super().__init__(pos, line)
        self.text = text
        self.value = value  # the "ideal constant" given to interface{} parameters
        self.int_value = int_value
        self.float_value = float_value

    def __str__(self) -> str:
        return self.text


class StringNode(Node):
    """A quoted or raw string literal."""

    __slots__ = ("quoted", "text")

    def __init__(self, pos: int, line: int, quoted: str, text: str) -> None:
        super().__init__(pos, line)
        self.quoted = quoted
        self.text = text

    def __str__(self) -> str:
        return self.quoted


class BranchNode(Node):
    """Common shape of if, range and with."""

    __slots__ = ("pipe", "list", "else_list")
    keyword = ""

    def __init__(self, pos: int, line: int, pipe: PipeNode, list_: ListNode, else_list: ListNode | None) -> None:
        super().__init__(pos, line)
        self.pipe = pipe
        self.list = list_
        self.else_list = else_list

    def __str__(self) -> str:
        text = "{{" + self.keyword + " " + str(self.pipe) + "}}" + str(self.list)
        if self.else_list is not None:
            text += "{{else}}" + str(self.else_list)
        return text + "{{end}}"


class IfNode(BranchNode):
    """``{{if}}``."""

    __slots__ = ()
    keyword = "if"


class RangeNode(BranchNode):
    """``{{range}}``."""

    __slots__ = ()
    keyword = "range"


class WithNode(BranchNode):
    """``{{with}}``."""

    __slots__ = ()
    keyword = "with"


class BreakNode(Node):
    """``{{break}}``."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{{break}}"


class ContinueNode(Node):
    """``{{continue}}``."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{{continue}}"


class TemplateNode(Node):
    """``{{template "name" pipeline}}``."""

    __slots__ = ("name", "pipe")

    def __init__(self, pos: int, line: int, name: str, pipe: PipeNode | None) -> None:
        super().__init__(pos, line)
        self.name = name
        self.pipe = pipe

    def __str__(self) -> str:
        quoted = '"' + self.name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if self.pipe is None:
            return "{{template " + quoted + "}}"
        return "{{template " + quoted + " " + str(self.pipe) + "}}"


class Tree:
    """One named template: its body, the source it was parsed from and its variable-frame size."""

    __slots__ = ("name", "parse_name", "root", "text", "nslots")

    def __init__(self, name: str, parse_name: str, root: ListNode, text: str, nslots: int) -> None:
        self.name = name
        self.parse_name = parse_name  # the source file the tree came from, used in error locations
        self.root = root
        self.text = text
        self.nslots = nslots

    def location(self, node: Node) -> tuple[int, int]:
        """Return Go's (line, byte column) of a node in this tree's source."""
        text = self.text
        pos = node.pos
        start = text.rfind("\n", 0, pos) + 1
        return text.count("\n", 0, pos) + 1, len(text[start:pos].encode())
