"""The editorial desk: the admin's dashboard, the calendar, notifications and review comments."""
