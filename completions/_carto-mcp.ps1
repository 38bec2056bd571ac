
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'carto-mcp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'carto-mcp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'carto-mcp' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('platforms', 'platforms', [CompletionResultType]::ParameterValue, 'List the platform presets and their exact callback URLs')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Create, list, show, update, apply and delete SPA OAuth clients')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Who you are at CARTO: status, login and logout')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Explain why a callback (redirect URI) was refused, and fix it')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms'' callbacks. No CARTO account needed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;platforms' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--carto-only', '--carto-only', [CompletionResultType]::ParameterName, 'Show only CARTO''s documented presets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a SPA OAuth client with the callbacks of one or more platforms')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your SPA OAuth clients (never shows secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client; the secret is masked unless --reveal-secret')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s name or callbacks')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;client;create' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'An extra allowed callback URL (repeatable)')
            [CompletionResult]::new('--callback', '--callback', [CompletionResultType]::ParameterName, 'An extra allowed callback URL (repeatable)')
            [CompletionResult]::new('--logout-url', '--logout-url', [CompletionResultType]::ParameterName, 'An allowed logout URL (repeatable)')
            [CompletionResult]::new('--web-origin', '--web-origin', [CompletionResultType]::ParameterName, 'An allowed web origin (repeatable)')
            [CompletionResult]::new('--allowed-origin', '--allowed-origin', [CompletionResultType]::ParameterName, 'An allowed origin for CORS (repeatable)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The client''s name (default: says which platforms it is for)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The client''s name (default: says which platforms it is for)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print the new client: a readable summary, JSON, or `CARTO_MCP_CLIENT_ID=…` lines for eval and CI')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print the new client: a readable summary, JSON, or `CARTO_MCP_CLIENT_ID=…` lines for eval and CI')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--reveal-secret', '--reveal-secret', [CompletionResultType]::ParameterName, 'Print the client secret instead of a mask')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;update' {
            [CompletionResult]::new('--add-platform', '--add-platform', [CompletionResultType]::ParameterName, 'Add a platform preset''s callbacks (repeatable)')
            [CompletionResult]::new('--remove-platform', '--remove-platform', [CompletionResultType]::ParameterName, 'Remove a platform preset''s callbacks (repeatable)')
            [CompletionResult]::new('--add-callback', '--add-callback', [CompletionResultType]::ParameterName, 'Add a callback URL (repeatable)')
            [CompletionResult]::new('--remove-callback', '--remove-callback', [CompletionResultType]::ParameterName, 'Remove a callback URL (repeatable)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A new name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A new name')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;apply' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The client''s name: the key that makes `apply` idempotent')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The client''s name: the key that makes `apply` idempotent')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'An extra allowed callback URL (repeatable)')
            [CompletionResult]::new('--callback', '--callback', [CompletionResultType]::ParameterName, 'An extra allowed callback URL (repeatable)')
            [CompletionResult]::new('--logout-url', '--logout-url', [CompletionResultType]::ParameterName, 'An allowed logout URL (repeatable)')
            [CompletionResult]::new('--web-origin', '--web-origin', [CompletionResultType]::ParameterName, 'An allowed web origin (repeatable)')
            [CompletionResult]::new('--allowed-origin', '--allowed-origin', [CompletionResultType]::ParameterName, 'An allowed origin for CORS (repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print the client (as for `create`; the secret only when the client was created by this run)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print the client (as for `create`; the secret only when the client was created by this run)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;client;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a SPA OAuth client with the callbacks of one or more platforms')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your SPA OAuth clients (never shows secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client; the secret is masked unless --reveal-secret')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s name or callbacks')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;client;help;create' {
            break
        }
        'carto-mcp;client;help;list' {
            break
        }
        'carto-mcp;client;help;show' {
            break
        }
        'carto-mcp;client;help;update' {
            break
        }
        'carto-mcp;client;help;apply' {
            break
        }
        'carto-mcp;client;help;delete' {
            break
        }
        'carto-mcp;client;help;help' {
            break
        }
        'carto-mcp;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which CARTO credentials would be used, for whom, until when')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the tokens stored by `auth login` and the cached M2M token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;auth;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;auth;login' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The public OAuth client to log in with (default: the one CARTO''s own Python library uses)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'CARTO''s authorization server')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The loopback redirect URI registered for that client')
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'How to complete the login in the browser')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the browser login, in seconds')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the authorization URL and wait instead of opening a browser')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which CARTO credentials would be used, for whom, until when')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the tokens stored by `auth login` and the cached M2M token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;auth;help;status' {
            break
        }
        'carto-mcp;auth;help;login' {
            break
        }
        'carto-mcp;auth;help;logout' {
            break
        }
        'carto-mcp;auth;help;help' {
            break
        }
        'carto-mcp;check' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'A pre-registered OAuth client ID (e.g. from `carto-mcp client create`)')
            [CompletionResult]::new('--client-metadata-url', '--client-metadata-url', [CompletionResultType]::ParameterName, 'Use a Client ID Metadata Document: this HTTPS URL is the client ID')
            [CompletionResult]::new('--private-key', '--private-key', [CompletionResultType]::ParameterName, 'PEM private key (ES256/RS256) for private_key_jwt client authentication')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to request (space-separated), instead of the spec''s choice')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Auth0''s `audience` parameter, added to the authorization and token requests (CARTO''s tenant needs `carto-cloud-native-api`)')
            [CompletionResult]::new('--auth-method', '--auth-method', [CompletionResultType]::ParameterName, 'Force the token endpoint authentication method')
            [CompletionResult]::new('--as-platform', '--as-platform', [CompletionResultType]::ParameterName, 'Behave as this platform does (token auth method, time budgets)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The redirect URI to use (must be registered on the client, on loopback)')
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'How to complete the login in the browser')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the browser login, in seconds')
            [CompletionResult]::new('--call', '--call', [CompletionResultType]::ParameterName, 'Call this tool once after listing the tools')
            [CompletionResult]::new('--args', '--args', [CompletionResultType]::ParameterName, 'JSON arguments for --call')
            [CompletionResult]::new('--elicitation', '--elicitation', [CompletionResultType]::ParameterName, 'How to answer a server''s elicitation request during a tool call (default: ask on a terminal, decline otherwise)')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Time budget for one request, in seconds (web platforms allow about 10)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the report as JUnit XML to this file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from standard input. Otherwise it comes from CARTO_MCP_CLIENT_SECRET, or from the provisioning backend when the client is yours')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, 'Register a new client dynamically (RFC 7591) when the server allows it')
            [CompletionResult]::new('--client-credentials', '--client-credentials', [CompletionResultType]::ParameterName, 'Machine-to-machine: the client_credentials grant, no browser')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the authorization URL and wait instead of opening a browser')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Print the access token (it is never printed otherwise)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow plain http for non-loopback hosts')
            [CompletionResult]::new('--conformance', '--conformance', [CompletionResultType]::ParameterName, 'Read the MCP conformance suite''s variables (MCP_CONFORMANCE_SCENARIO, MCP_CONFORMANCE_CONTEXT) and map them onto the flags above')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;diagnose' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client whose callbacks to compare against')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The platform(s) the client is meant for (repeatable)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform(s) the client is meant for (repeatable)')
            [CompletionResult]::new('--registered', '--registered', [CompletionResultType]::ParameterName, 'A registered callback, when the client cannot be read (repeatable)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Probe each platform''s redirect URI against the authorization server of this MCP server, without a browser or credentials')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Apply the fix through the provisioning backend')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (127.0.0.1 only); 0 picks a free one')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Approve every login at once (no login page), for headless use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;demo' {
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Time budget for the demo''s tool call, in seconds. The slow demo workflow runs 1.5 times as long, so the report shows how a tool over its budget is flagged (web platforms allow about 10 s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;man' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CARTO CLI profile to read from ~/.carto_credentials.json')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the CARTO Developers API (OAuth clients)')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout for one HTTP request, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout instead of tables and text')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: NO_COLOR=1)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (needed for changes without a TTY)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail with a message naming the missing flag instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'carto-mcp;help' {
            [CompletionResult]::new('platforms', 'platforms', [CompletionResultType]::ParameterValue, 'List the platform presets and their exact callback URLs')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Create, list, show, update, apply and delete SPA OAuth clients')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Who you are at CARTO: status, login and logout')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Explain why a callback (redirect URI) was refused, and fix it')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms'' callbacks. No CARTO account needed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'carto-mcp;help;platforms' {
            break
        }
        'carto-mcp;help;client' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a SPA OAuth client with the callbacks of one or more platforms')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your SPA OAuth clients (never shows secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client; the secret is masked unless --reveal-secret')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s name or callbacks')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client (asks first on a terminal; needs --yes otherwise)')
            break
        }
        'carto-mcp;help;client;create' {
            break
        }
        'carto-mcp;help;client;list' {
            break
        }
        'carto-mcp;help;client;show' {
            break
        }
        'carto-mcp;help;client;update' {
            break
        }
        'carto-mcp;help;client;apply' {
            break
        }
        'carto-mcp;help;client;delete' {
            break
        }
        'carto-mcp;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which CARTO credentials would be used, for whom, until when')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the tokens stored by `auth login` and the cached M2M token')
            break
        }
        'carto-mcp;help;auth;status' {
            break
        }
        'carto-mcp;help;auth;login' {
            break
        }
        'carto-mcp;help;auth;logout' {
            break
        }
        'carto-mcp;help;check' {
            break
        }
        'carto-mcp;help;diagnose' {
            break
        }
        'carto-mcp;help;sandbox' {
            break
        }
        'carto-mcp;help;demo' {
            break
        }
        'carto-mcp;help;completions' {
            break
        }
        'carto-mcp;help;man' {
            break
        }
        'carto-mcp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
