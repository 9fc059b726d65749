"""Running the site: the /healthz probe, request ids and one-line JSON logs (docs/deploy.md)."""
