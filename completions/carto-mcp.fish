# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_carto_mcp_global_optspecs
    string join \n json profile= api-url= backend= token-stdin timeout= v/verbose no-color y/yes no-input h/help V/version
end

function __fish_carto_mcp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_carto_mcp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_carto_mcp_using_subcommand
    set -l cmd (__fish_carto_mcp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "platforms" -d 'List the platform presets and their exact callback URLs'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "client" -d 'Create, list, show, update, apply and delete SPA OAuth clients'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "auth" -d 'Who you are at CARTO: status, login and logout'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "check" -d 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "diagnose" -d 'Explain why a callback (redirect URI) was refused, and fix it'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "sandbox" -d 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "demo" -d 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms\' callbacks. No CARTO account needed'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c carto-mcp -n "__fish_carto_mcp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l carto-only -d 'Show only CARTO\'s documented presets'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand platforms" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "create" -d 'Create a SPA OAuth client with the callbacks of one or more platforms'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "list" -d 'List your SPA OAuth clients (never shows secrets)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "show" -d 'Show one client; the secret is masked unless --reveal-secret'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "update" -d 'Change a client\'s name or callbacks'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "apply" -d 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "delete" -d 'Delete a client (asks first on a terminal; needs --yes otherwise)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and not __fish_seen_subcommand_from create list show update apply delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s p -l platform -d 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s c -l callback -d 'An extra allowed callback URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l logout-url -d 'An allowed logout URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l web-origin -d 'An allowed web origin (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l allowed-origin -d 'An allowed origin for CORS (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s n -l name -d 'The client\'s name (default: says which platforms it is for)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s o -l output -d 'How to print the new client: a readable summary, JSON, or `CARTO_MCP_CLIENT_ID=…` lines for eval and CI' -r -f -a "table\t''
json\t''
env\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l reveal-secret -d 'Print the client secret instead of a mask'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l add-platform -d 'Add a platform preset\'s callbacks (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l remove-platform -d 'Remove a platform preset\'s callbacks (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l add-callback -d 'Add a callback URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l remove-callback -d 'Remove a callback URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -s n -l name -d 'A new name' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s n -l name -d 'The client\'s name: the key that makes `apply` idempotent' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s p -l platform -d 'A platform preset whose callbacks the client gets (repeatable); see `carto-mcp platforms`' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s c -l callback -d 'An extra allowed callback URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l logout-url -d 'An allowed logout URL (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l web-origin -d 'An allowed web origin (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l allowed-origin -d 'An allowed origin for CORS (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s o -l output -d 'How to print the client (as for `create`; the secret only when the client was created by this run)' -r -f -a "table\t''
json\t''
env\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a SPA OAuth client with the callbacks of one or more platforms'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "list" -d 'List your SPA OAuth clients (never shows secrets)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one client; the secret is masked unless --reveal-secret'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a client\'s name or callbacks'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a client (asks first on a terminal; needs --yes otherwise)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -f -a "status" -d 'Which CARTO credentials would be used, for whom, until when'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -f -a "login" -d 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -f -a "logout" -d 'Forget the tokens stored by `auth login` and the cached M2M token'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and not __fish_seen_subcommand_from status login logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-id -d 'The public OAuth client to log in with (default: the one CARTO\'s own Python library uses)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l auth-url -d 'CARTO\'s authorization server' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l redirect-uri -d 'The loopback redirect URI registered for that client' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l browser -d 'How to complete the login in the browser' -r -f -a "system\t'`$BROWSER` when set, else the system browser'
http\t'Follow the authorization URL over plain HTTP, no browser (for servers that approve at once, and for CI)'"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l login-timeout -d 'How long to wait for the browser login, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-browser -d 'Print the authorization URL and wait instead of opening a browser'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which CARTO credentials would be used, for whom, until when'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Forget the tokens stored by `auth login` and the cached M2M token'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l client-id -d 'A pre-registered OAuth client ID (e.g. from `carto-mcp client create`)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l client-metadata-url -d 'Use a Client ID Metadata Document: this HTTPS URL is the client ID' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l private-key -d 'PEM private key (ES256/RS256) for private_key_jwt client authentication' -r -F
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l scope -d 'Scopes to request (space-separated), instead of the spec\'s choice' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l audience -d 'Auth0\'s `audience` parameter, added to the authorization and token requests (CARTO\'s tenant needs `carto-cloud-native-api`)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l auth-method -d 'Force the token endpoint authentication method' -r -f -a "basic\t'HTTP Basic with client ID and secret'
post\t'Client ID and secret in the form body'
none\t'A public client: no secret'
private-key-jwt\t'A signed JWT assertion (`--private-key`)'"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l as-platform -d 'Behave as this platform does (token auth method, time budgets)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l redirect-uri -d 'The redirect URI to use (must be registered on the client, on loopback)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l browser -d 'How to complete the login in the browser' -r -f -a "system\t'`$BROWSER` when set, else the system browser'
http\t'Follow the authorization URL over plain HTTP, no browser (for servers that approve at once, and for CI)'"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l login-timeout -d 'How long to wait for the browser login, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l call -d 'Call this tool once after listing the tools' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l args -d 'JSON arguments for --call' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l elicitation -d 'How to answer a server\'s elicitation request during a tool call (default: ask on a terminal, decline otherwise)' -r -f -a "accept-defaults\t'Answer with the schema\'s defaults'
decline\t'Decline every request'"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l budget -d 'Time budget for one request, in seconds (web platforms allow about 10)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l junit -d 'Also write the report as JUnit XML to this file' -r -F
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l client-secret-stdin -d 'Read the client secret from standard input. Otherwise it comes from CARTO_MCP_CLIENT_SECRET, or from the provisioning backend when the client is yours'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l register -d 'Register a new client dynamically (RFC 7591) when the server allows it'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l client-credentials -d 'Machine-to-machine: the client_credentials grant, no browser'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l no-browser -d 'Print the authorization URL and wait instead of opening a browser'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l show-token -d 'Print the access token (it is never printed otherwise)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l insecure -d 'Allow plain http for non-loopback hosts'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l conformance -d 'Read the MCP conformance suite\'s variables (MCP_CONFORMANCE_SCENARIO, MCP_CONFORMANCE_CONTEXT) and map them onto the flags above'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand check" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l client-id -d 'The client whose callbacks to compare against' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -s p -l platform -d 'The platform(s) the client is meant for (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l registered -d 'A registered callback, when the client cannot be read (repeatable)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l live -d 'Probe each platform\'s redirect URI against the authorization server of this MCP server, without a browser or credentials' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l fix -d 'Apply the fix through the provisioning backend'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand diagnose" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l port -d 'Port to listen on (127.0.0.1 only); 0 picks a free one' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l auto-approve -d 'Approve every login at once (no login page), for headless use'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand sandbox" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l budget -d 'Time budget for the demo\'s tool call, in seconds. The slow demo workflow runs 1.5 times as long, so the report shows how a tool over its budget is flagged (web platforms allow about 10 s)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand demo" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand completions" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l profile -d 'CARTO CLI profile to read from ~/.carto_credentials.json' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l api-url -d 'Base URL of the CARTO Developers API (OAuth clients)' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l backend -d 'How OAuth clients are provisioned: direct HTTP (`api`), the official `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH)' -r -f -a "auto\t''
api\t''
carto-cli\t''"
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l timeout -d 'Network timeout for one HTTP request, in seconds' -r
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout instead of tables and text'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l token-stdin -d 'Read the access token from standard input (never from argv). For the client commands it is the CARTO API token; for `check` it is the token sent to the MCP server (OAuth is skipped)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -s v -l verbose -d 'More output on stderr: -v for steps and HTTP requests, -vv for HTTP headers and bodies (secrets are always redacted)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l no-color -d 'Never use colour (also: NO_COLOR=1)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -s y -l yes -d 'Answer yes to every confirmation (needed for changes without a TTY)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -l no-input -d 'Never prompt, even on a terminal: fail with a message naming the missing flag instead'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -s h -l help -d 'Print help'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand man" -s V -l version -d 'Print version'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "platforms" -d 'List the platform presets and their exact callback URLs'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "client" -d 'Create, list, show, update, apply and delete SPA OAuth clients'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "auth" -d 'Who you are at CARTO: status, login and logout'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "check" -d 'Log in to an MCP server end to end (discovery, browser, PKCE, token, initialize, tools/list) and time every step'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "diagnose" -d 'Explain why a callback (redirect URI) was refused, and fix it'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "sandbox" -d 'Run a local CARTO-like stack: Developers API, authorization server and MCP server, all on 127.0.0.1'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "demo" -d 'Show the whole job against a built-in sandbox: create a client, check the login, probe the platforms\' callbacks. No CARTO account needed'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and not __fish_seen_subcommand_from platforms client auth check diagnose sandbox demo completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "create" -d 'Create a SPA OAuth client with the callbacks of one or more platforms'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "list" -d 'List your SPA OAuth clients (never shows secrets)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "show" -d 'Show one client; the secret is masked unless --reveal-secret'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "update" -d 'Change a client\'s name or callbacks'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "apply" -d 'Make sure a client with this name exists with exactly these callbacks (creates, updates or does nothing: safe to run from CI again and again)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "delete" -d 'Delete a client (asks first on a terminal; needs --yes otherwise)'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Which CARTO credentials would be used, for whom, until when'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Log in to CARTO in the browser (OAuth PKCE) and store the tokens'
complete -c carto-mcp -n "__fish_carto_mcp_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Forget the tokens stored by `auth login` and the cached M2M token'
