"""The dashboard is shown on the admin's first page by templates/admin/index.html
(``{% desk_dashboard %}``, from desk.templatetags.desk_dashboard)."""
