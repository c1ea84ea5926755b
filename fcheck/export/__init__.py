"""Publishing formats. Exporters are pure functions returning a string or data;
only the CLI writes files."""
