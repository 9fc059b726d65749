"""Optional two-factor authentication for the admin, on django-otp: a TOTP device (RFC 6238)
per editor, single-use backup codes, and a code step after Wagtail's login
(docs/security.md, "Two-factor authentication")."""
