"""What every domain shares: access rules, sanitising, mail, i18n, security headers, CLI."""
