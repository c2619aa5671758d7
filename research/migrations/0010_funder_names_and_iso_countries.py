"""Funders' other names and award-number patterns; countries become ISO 3166 codes.

The countries editors typed ("France", "Russie", "RU", "FRA") are read as the code they name,
in English, French or Russian; one that names no country is kept at the end of the
organisation's description, so that nothing typed is lost.
"""

import django_countries.fields
from django.db import migrations, models
from django_countries import countries

import research.validators

OTHER_NAMES = {
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "united states of america": "US",
    "the netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "south korea": "KR",
    "deutschland": "DE",
    "россия": "RU",
    "российская федерация": "RU",
}


def country_code(value):
    """The ISO 3166 code a typed country names, or ``""``."""
    text = " ".join(value.split()).strip(" .")
    if not text:
        return ""
    code = countries.alpha2(text)
    for language in ("en", "fr", "ru"):
        code = code or countries.by_name(text, language=language)
    return code or OTHER_NAMES.get(text.lower(), "")


def countries_to_codes(apps, schema_editor):
    Organisation = apps.get_model("research", "Organisation")
    for organisation in Organisation.objects.exclude(country=""):
        typed = organisation.country
        organisation.country = country_code(typed)
        if not organisation.country:
            organisation.description = "\n\n".join(filter(None, [organisation.description, f"Country: {typed}"]))
        organisation.save(update_fields=["country", "description"])


def codes_to_countries(apps, schema_editor):
    Organisation = apps.get_model("research", "Organisation")
    for organisation in Organisation.objects.exclude(country=""):
        organisation.country = countries.name(organisation.country) or organisation.country
        organisation.save(update_fields=["country"])


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0009_translated_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="award_number_pattern",
            field=models.CharField(
                blank=True,
                help_text="For funders: a regular expression that each of its award numbers matches, e.g. G0[0-9A-Z]{5}N for FWO's G0C5323N. Link suggestions then find such numbers wherever the funder is named.",
                max_length=200,
                validators=[research.validators.validate_award_number_pattern],
                verbose_name="award number pattern",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="other_names",
            field=models.TextField(
                blank=True,
                help_text="One a line: the abbreviations and translations that texts use for it, e.g. РНФ, RSF and Российский научный фонд. Link suggestions recognise them.",
                verbose_name="other names",
            ),
        ),
        migrations.RunPython(countries_to_codes, codes_to_countries),
        migrations.AlterField(
            model_name="organisation",
            name="country",
            field=django_countries.fields.CountryField(blank=True, max_length=2, verbose_name="country"),
        ),
    ]
