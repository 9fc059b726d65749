"""Text that is safe inside XML 1.0 and JSON-LD, whatever an editor pasted."""

import re

# XML 1.0 allows tab, newline and carriage return among the C0 controls, nothing else;
# C1 controls and unpaired surrogates make parsers stop too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")
