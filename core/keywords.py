"""Keywords (django-taggit tags) as editors type them: separated by commas only, so that
"pancreatic cancer, tumour microenvironment" is two keywords without any quotes, with the
existing ones suggested as they type, and merged when two mean the same."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget
from taggit.models import TaggedItem


def keywords_as_list(lookup="keywords", to_attr="keyword_list"):
    """A prefetch of taggit keywords into a plain list on each row (``to_attr``). Into the manager,
    Django asks taggit for a queryset for every row it hands prefetched keywords to, and taggit
    builds and filters one each time: a sixth of a 30-item feed's time."""
    return Prefetch(lookup, to_attr=to_attr)


def parse_keywords(text):
    """The keywords of "a, b c, a": ``["a", "b c"]``, sorted and without repeats; quotes are just text."""
    names = {" ".join(part.split()) for part in (text or "").split(",")}
    return sorted(name for name in names if name)


def keywords_text(tags):
    return ", ".join(sorted(tag.name for tag in tags))


class KeywordsWidget(TagWidget):
    """A text field of comma-separated keywords that suggests existing ones (static/core/keywords.js)."""

    def __init__(self, suggestions_url, attrs=None):
        self.suggestions_url = suggestions_url
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-keyword-suggestions": str(self.suggestions_url),
            "autocomplete": "off",
        }
        return super().get_context(name, value, attrs)

    class Media:
        js = ("core/keywords.js",)
        css = {"all": ("core/keywords.css",)}


def keywords_widget():
    """The widget of every keyword field of the admin; the suggestions come from the keywords' admin."""
    return KeywordsWidget(reverse_lazy("admin:taggit_tag_suggestions"))


def merge_keywords(target, others, name=""):
    """Give every object tagged with one of ``others`` the ``target`` keyword instead, delete the others,
    and rename the target when ``name`` is given. The tagged objects' search entries follow."""
    others = [tag for tag in others if tag.pk != target.pk]
    with transaction.atomic():
        already = set(TaggedItem.objects.filter(tag=target).values_list("content_type_id", "object_id"))
        for item in TaggedItem.objects.filter(tag__in=others).select_for_update():
            if (item.content_type_id, item.object_id) in already:
                item.delete()
            else:
                already.add((item.content_type_id, item.object_id))
                item.tag = target
                item.save(update_fields=["tag"])
        for tag in others:
            tag.delete()
        if name and name != target.name:
            target.name = name
            target.save(update_fields=["name"])
        refresh_search_entries(already)
    return len(others)


def refresh_search_entries(tagged):
    """Objects whose keywords are searched (a ``refresh_search_vector`` method) index their new ones."""
    by_type = {}
    for content_type_id, object_id in tagged:
        by_type.setdefault(content_type_id, []).append(object_id)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and hasattr(model, "refresh_search_vector"):
            for instance in model._default_manager.filter(pk__in=ids):
                instance.refresh_search_vector()


class MergeKeywordsForm(forms.Form):
    """Which of the chosen keywords stays, and optionally its corrected name."""

    def __init__(self, *args, keywords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"] = forms.ModelChoiceField(
            queryset=keywords, widget=forms.RadioSelect, label=_("Keep this keyword"), empty_label=None
        )
        self.fields["name"] = forms.CharField(
            label=_("Its name"), required=False, max_length=100, help_text=_("Leave empty to keep its name.")
        )
