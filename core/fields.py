"""Field types shared by the apps."""

from django.db import models


class IdentifierField(models.CharField):
    """An optional, unique identifier (a DOI, an ORCID iD, a ROR id…) kept in one normal form.

    Editors paste identifiers as links or with prefixes; ``normalize`` turns what they pasted into
    the stored form before it is validated (``full_clean``) and again before it is saved, so rows
    made outside a form are stored the same way. By default the identifier is optional and unique,
    and an empty value is stored as NULL, so that rows without it never collide on its unique index.
    """

    def __init__(self, *args, normalize=None, **kwargs):
        self.normalize = normalize
        kwargs.setdefault("unique", True)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["normalize"] = self.normalize
        for option, default in (("unique", True), ("null", True), ("blank", True)):
            if kwargs.get(option, False) == default:
                kwargs.pop(option, None)
            else:
                kwargs[option] = kwargs.get(option, False)
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if value and self.normalize is not None:
            value = self.normalize(value)
        if not value:
            return None if self.null else ""
        return value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
