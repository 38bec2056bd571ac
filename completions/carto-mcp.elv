
use builtin;
use str;

set edit:completion:arg-completer[carto-mcp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'carto-mcp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'carto-mcp'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand platforms 'List the platform presets and their exact callback URLs'
            cand client 'Create, list, show, update, apply and delete SPA OAuth clients'
            cand auth 'Who you are at CARTO: status, login and logout'
            cand check 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step'
            cand diagnose 'Explain why a callback (redirect URI) was refused, and fix it'
            cand sandbox 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1'
            cand demo 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms'' callbacks. No CARTO account needed'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;platforms'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --carto-only 'Show only CARTO''s documented presets'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a SPA OAuth client with the callbacks of one or more platforms'
            cand list 'List your SPA OAuth clients (never shows secrets)'
            cand show 'Show one client; the secret is masked unless --reveal-secret'
            cand update 'Change a client''s name or callbacks'
            cand apply 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
            cand delete 'Delete a client (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;client;create'= {
            cand -p 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`'
            cand --platform 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`'
            cand -c 'An extra allowed callback URL (repeatable)'
            cand --callback 'An extra allowed callback URL (repeatable)'
            cand --logout-url 'An allowed logout URL (repeatable)'
            cand --web-origin 'An allowed web origin (repeatable)'
            cand --allowed-origin 'An allowed origin for CORS (repeatable)'
            cand -n 'The client''s name (default: says which platforms it is for)'
            cand --name 'The client''s name (default: says which platforms it is for)'
            cand -o 'How to print the new client: a readable summary, JSON, or `CARTO_MCP_CLIENT_ID=…` lines for eval and CI'
            cand --output 'How to print the new client: a readable summary, JSON, or `CARTO_MCP_CLIENT_ID=…` lines for eval and CI'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;list'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;show'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --reveal-secret 'Print the client secret instead of a mask'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;update'= {
            cand --add-platform 'Add a platform preset''s callbacks (repeatable)'
            cand --remove-platform 'Remove a platform preset''s callbacks (repeatable)'
            cand --add-callback 'Add a callback URL (repeatable)'
            cand --remove-callback 'Remove a callback URL (repeatable)'
            cand -n 'A new name'
            cand --name 'A new name'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;apply'= {
            cand -n 'The client''s name: the key that makes `apply` idempotent'
            cand --name 'The client''s name: the key that makes `apply` idempotent'
            cand -p 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`'
            cand --platform 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`'
            cand -c 'An extra allowed callback URL (repeatable)'
            cand --callback 'An extra allowed callback URL (repeatable)'
            cand --logout-url 'An allowed logout URL (repeatable)'
            cand --web-origin 'An allowed web origin (repeatable)'
            cand --allowed-origin 'An allowed origin for CORS (repeatable)'
            cand -o 'How to print the client (as for `create`; the secret only when the client was created by this run)'
            cand --output 'How to print the client (as for `create`; the secret only when the client was created by this run)'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;delete'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;client;help'= {
            cand create 'Create a SPA OAuth client with the callbacks of one or more platforms'
            cand list 'List your SPA OAuth clients (never shows secrets)'
            cand show 'Show one client; the secret is masked unless --reveal-secret'
            cand update 'Change a client''s name or callbacks'
            cand apply 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
            cand delete 'Delete a client (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;client;help;create'= {
        }
        &'carto-mcp;client;help;list'= {
        }
        &'carto-mcp;client;help;show'= {
        }
        &'carto-mcp;client;help;update'= {
        }
        &'carto-mcp;client;help;apply'= {
        }
        &'carto-mcp;client;help;delete'= {
        }
        &'carto-mcp;client;help;help'= {
        }
        &'carto-mcp;auth'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Which CARTO credentials would be used, for whom, until when'
            cand login 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
            cand logout 'Forget the tokens stored by `auth login` and the cached M2M token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;auth;status'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;auth;login'= {
            cand --client-id 'The public OAuth client to log in with (default: the one CARTO''s own Python library uses)'
            cand --auth-url 'CARTO''s authorization server'
            cand --redirect-uri 'The loopback redirect URI registered for that client'
            cand --browser 'How to complete the login in the browser'
            cand --login-timeout 'How long to wait for the browser login, in seconds'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --no-browser 'Print the authorization URL and wait instead of opening a browser'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;auth;logout'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;auth;help'= {
            cand status 'Which CARTO credentials would be used, for whom, until when'
            cand login 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
            cand logout 'Forget the tokens stored by `auth login` and the cached M2M token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;auth;help;status'= {
        }
        &'carto-mcp;auth;help;login'= {
        }
        &'carto-mcp;auth;help;logout'= {
        }
        &'carto-mcp;auth;help;help'= {
        }
        &'carto-mcp;check'= {
            cand --client-id 'A pre-registered OAuth client ID (e.g. from `carto-mcp client create`)'
            cand --client-metadata-url 'Use a Client ID Metadata Document: this HTTPS URL is the client ID'
            cand --private-key 'PEM private key (ES256/RS256) for private_key_jwt client authentication'
            cand --scope 'Scopes to request (space-separated), instead of the spec''s choice'
            cand --audience 'Auth0''s `audience` parameter, added to the authorization and token requests (CARTO''s tenant needs `carto-cloud-native-api`)'
            cand --auth-method 'Force the token endpoint authentication method'
            cand --as-platform 'Behave as this platform does (token auth method, time budgets)'
            cand --redirect-uri 'The redirect URI to use (must be registered on the client, on loopback)'
            cand --browser 'How to complete the login in the browser'
            cand --login-timeout 'How long to wait for the browser login, in seconds'
            cand --call 'Call this tool once after listing the tools'
            cand --args 'JSON arguments for --call'
            cand --elicitation 'How to answer a server''s elicitation request during a tool call (default: ask on a terminal, decline otherwise)'
            cand --budget 'Time budget for one request, in seconds (web platforms allow about 10)'
            cand --junit 'Also write the report as JUnit XML to this file'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --client-secret-stdin 'Read the client secret from standard input. Otherwise it comes from CARTO_MCP_CLIENT_SECRET, or from the provisioning backend when the client is yours'
            cand --register 'Register a new client dynamically (RFC 7591) when the server allows it'
            cand --client-credentials 'Machine-to-machine: the client_credentials grant, no browser'
            cand --no-browser 'Print the authorization URL and wait instead of opening a browser'
            cand --show-token 'Print the access token (it is never printed otherwise)'
            cand --insecure 'Allow plain http for non-loopback hosts'
            cand --conformance 'Read the MCP conformance suite''s variables (MCP_CONFORMANCE_SCENARIO, MCP_CONFORMANCE_CONTEXT) and map them onto the flags above'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;diagnose'= {
            cand --client-id 'The client whose callbacks to compare against'
            cand -p 'The platform(s) the client is meant for (repeatable)'
            cand --platform 'The platform(s) the client is meant for (repeatable)'
            cand --registered 'A registered callback, when the client cannot be read (repeatable)'
            cand --live 'Probe each platform''s redirect URI against the authorization server of this MCP server, without a browser or credentials'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --fix 'Apply the fix through the provisioning backend'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;sandbox'= {
            cand --port 'Port to listen on (127.0.0.1 only); 0 picks a free one'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --auto-approve 'Approve every login at once (no login page), for headless use'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;demo'= {
            cand --budget 'Time budget for the demo''s tool call, in seconds. The slow demo workflow runs 1.5 times as long, so the report shows how a tool over its budget is flagged (web platforms allow about 10 s)'
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;completions'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;man'= {
            cand --profile 'CARTO CLI profile to read from ~/.carto_credentials.json'
            cand --api-url 'Base URL of the CARTO Developers API (OAuth clients)'
            cand --backend 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)'
            cand --timeout 'Network timeout for one HTTP request, in seconds'
            cand --json 'Print machine-readable JSON on stdout instead of tables and text'
            cand --token-stdin 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
            cand -v 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --verbose 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
            cand --no-color 'Never use colour (also: NO_COLOR=1)'
            cand -y 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --yes 'Answer yes to every confirmation (needed for changes without a TTY)'
            cand --no-input 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'carto-mcp;help'= {
            cand platforms 'List the platform presets and their exact callback URLs'
            cand client 'Create, list, show, update, apply and delete SPA OAuth clients'
            cand auth 'Who you are at CARTO: status, login and logout'
            cand check 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step'
            cand diagnose 'Explain why a callback (redirect URI) was refused, and fix it'
            cand sandbox 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1'
            cand demo 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms'' callbacks. No CARTO account needed'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'carto-mcp;help;platforms'= {
        }
        &'carto-mcp;help;client'= {
            cand create 'Create a SPA OAuth client with the callbacks of one or more platforms'
            cand list 'List your SPA OAuth clients (never shows secrets)'
            cand show 'Show one client; the secret is masked unless --reveal-secret'
            cand update 'Change a client''s name or callbacks'
            cand apply 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
            cand delete 'Delete a client (asks first on a terminal; needs --yes otherwise)'
        }
        &'carto-mcp;help;client;create'= {
        }
        &'carto-mcp;help;client;list'= {
        }
        &'carto-mcp;help;client;show'= {
        }
        &'carto-mcp;help;client;update'= {
        }
        &'carto-mcp;help;client;apply'= {
        }
        &'carto-mcp;help;client;delete'= {
        }
        &'carto-mcp;help;auth'= {
            cand status 'Which CARTO credentials would be used, for whom, until when'
            cand login 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
            cand logout 'Forget the tokens stored by `auth login` and the cached M2M token'
        }
        &'carto-mcp;help;auth;status'= {
        }
        &'carto-mcp;help;auth;login'= {
        }
        &'carto-mcp;help;auth;logout'= {
        }
        &'carto-mcp;help;check'= {
        }
        &'carto-mcp;help;diagnose'= {
        }
        &'carto-mcp;help;sandbox'= {
        }
        &'carto-mcp;help;demo'= {
        }
        &'carto-mcp;help;completions'= {
        }
        &'carto-mcp;help;man'= {
        }
        &'carto-mcp;help;help'= {
        }
    ]
    $completions[$command]
}
