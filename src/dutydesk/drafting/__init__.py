"""Letters and records drafted from a case: Jinja2 templates in data/templates, written as
plain text and Word, with confidential addresses withheld at one choke point."""
