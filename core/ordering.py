"""Inline rows put in order by dragging them, or with their move up and move down buttons, in
place of a number to type (static/core/inline_order.js). The order field stays in the form,
hidden; the script numbers it from the rows' places before the form is sent."""

from django import forms
from django.utils.translation import gettext_lazy as _


class OrderWidget(forms.HiddenInput):
    """The hidden order number, carrying the labels of the buttons the script adds beside each row."""

    def get_context(self, name, value, attrs):
        labels = {
            "data-inline-order": "",
            "data-drag-label": _("Drag to change the order"),
            "data-up-label": _("Move up"),
            "data-down-label": _("Move down"),
            "data-moved-label": _("%(item)s moved to position %(position)s of %(count)s."),
            "data-row-label": _("Row %(position)s"),
            "data-column-label": _("Order"),
        }
        return super().get_context(name, value, {**(attrs or {}), **{key: str(text) for key, text in labels.items()}})


class OrderedInlineMixin:
    """For a tabular inline with an ``order`` field: rows are reordered by drag and drop or by keyboard."""

    order_field = "order"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == self.order_field:
            kwargs["widget"] = OrderWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    class Media:
        js = ("core/inline_order.js",)
        css = {"all": ("core/inline_order.css",)}
