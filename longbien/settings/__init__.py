"""Settings: `common` reads the environment once; `dev`, `test` and
`production` adjust it for their use."""
