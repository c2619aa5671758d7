"""Reading XML exports safely (defusedxml: no entities expanded, no external files or network)."""

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from .items import UnreadableArchive

CONTENT = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
ATOM = "http://www.w3.org/2005/Atom"
WORDPRESS = "http://wordpress.org/export/"  # followed by the export's version: 1.0/, 1.1/, 1.2/


def parse(filename, content):
    try:
        return fromstring(content)
    except ParseError as error:
        raise UnreadableArchive(
            _("“%(name)s” is not a well-formed XML file (%(error)s).") % {"name": filename, "error": error}
        ) from None
    except DefusedXmlException:
        raise UnreadableArchive(
            _("“%(name)s” declares entities or external files, which are refused for safety.") % {"name": filename}
        ) from None


def split(tag):
    """(namespace, local name) of an element's tag."""
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return "", tag


def children(element, local, namespace=""):
    """The children called ``local`` whose namespace starts with ``namespace`` (any namespace if None)."""
    found = []
    for child in element:
        child_namespace, child_local = split(child.tag)
        if child_local == local and (namespace is None or child_namespace.startswith(namespace)):
            found.append(child)
    return found


def text(element, local, namespace=""):
    """The text of the first child called ``local`` in ``namespace``, stripped; "" if there is none."""
    found = children(element, local, namespace)
    return (found[0].text or "").strip() if found else ""


def wordpress_version(root):
    """The WordPress export namespace the file uses, or "" if it is not a WordPress export."""
    for element in root.iter():
        namespace, _local = split(element.tag)
        if namespace.startswith(WORDPRESS) and "excerpt" not in namespace:
            return namespace
    return ""
