namespace Ecommerce.LoadTest.Cli;

/// <summary>
/// A small hand parser: five commands with <c>--name value</c> (or <c>--name=value</c>) options. Every mistake becomes
/// a <see cref="UsageError"/> naming the option, never an exception, so the program can answer with exit code 2.
/// </summary>
public static class CommandLine
{
    private static readonly string[] FlashSaleNames =
    [
        "api", "admin-email", "admin-password", "units", "max-per-customer", "buyers", "concurrency", "duration",
        "quantity", "token", "sku", "report", "seed", "keys", "end-on-refusals", "flood-clients", "flood-rate",
    ];

    private static readonly string[] CeilingNames = ["api", "concurrency", "duration", "path", "report"];

    private static readonly string[] CatalogNames = ["api", "admin-email", "admin-password", "products", "seed", "batch", "concurrency"];

    private static readonly string[] PathsNames = ["api", "file", "concurrency", "duration", "warmup", "report", "header"];

    private static readonly string[] FuzzNames = ["api", "admin-email", "admin-password", "requests", "concurrency"];

    /// <summary>The sale's options (an existing product excepted: the consumers' counts must start from nothing) and the drill's.</summary>
    private static readonly string[] ChaosNames =
    [
        .. FlashSaleNames.Where(n => n != "sku"),
        "kill-every", "silo-pids", "silo-command", "restart-postgres", "restart-postgres-at", "reservation-ttl", "give-up-after", "settle",
    ];

    /// <param name="environment">Reads an environment variable (a parameter so tests need not set real ones).</param>
    public static ParsedCommand Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new HelpRequested();
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            return new HelpRequested();
        }

        try
        {
            return args[0] switch
            {
                "flash-sale" => new FlashSaleRequested(FlashSale(new Arguments(args.Skip(1), FlashSaleNames), environment, FlashSaleOptions.Defaults)),
                "ceiling" => new CeilingRequested(Ceiling(new Arguments(args.Skip(1), CeilingNames))),
                "catalog" => new CatalogRequested(Catalog(new Arguments(args.Skip(1), CatalogNames), environment)),
                "paths" => new PathsRequested(Paths(new Arguments(args.Skip(1), PathsNames))),
                "fuzz" => new FuzzRequested(Fuzz(new Arguments(args.Skip(1), FuzzNames), environment)),
                "chaos" => new ChaosRequested(Chaos(new Arguments(args.Skip(1), ChaosNames), environment)),
                _ => new UsageError($"Unknown command '{args[0]}': use flash-sale, chaos, ceiling, catalog, paths or fuzz (see --help)."),
            };
        }
        catch (FormatException e)
        {
            return new UsageError(e.Message);
        }
    }

    /// <param name="defaults">The sale's defaults: flash-sale's own, or the chaos drill's.</param>
    private static FlashSaleOptions FlashSale(Arguments a, Func<string, string?> environment, FlashSaleOptions defaults)
    {
        var sku = a.Text("sku");
        if (sku is not null && !IsSku(sku))
        {
            throw new FormatException("--sku takes 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        var (email, password) = Admin(a, environment);
        return new FlashSaleOptions
        {
            Api = a.Api(),
            AdminEmail = email,
            AdminPassword = password,
            Units = a.Int("units", defaults.Units, min: 0),
            MaxPerCustomer = a.Int("max-per-customer", defaults.MaxPerCustomer, min: 0),
            Buyers = a.Int("buyers", defaults.Buyers, min: 1),
            Concurrency = a.Int("concurrency", defaults.Concurrency, min: 1),
            Duration = a.Seconds("duration", defaults.Duration),
            Quantity = a.Int("quantity", defaults.Quantity, min: 1),
            PaymentToken = a.Text("token") ?? defaults.PaymentToken,
            Sku = sku,
            ReportDirectory = a.Text("report") ?? defaults.ReportDirectory,
            IdempotencyKeys = a.YesNo("keys", defaults.IdempotencyKeys),
            EndOnRefusals = a.YesNo("end-on-refusals", defaults.EndOnRefusals),
            FloodClients = a.Int("flood-clients", defaults.FloodClients, min: 0, max: 64),
            FloodRate = a.Int("flood-rate", defaults.FloodRate, min: 1, max: 10_000),
            Seed = a.Text("seed") is null ? null : a.Int("seed", 0, min: int.MinValue),
        };
    }

    private static CeilingOptions Ceiling(Arguments a)
    {
        var defaults = new CeilingOptions { Api = new Uri("http://localhost/") };
        var path = a.Text("path") ?? defaults.Path;
        if (!path.StartsWith('/') || !Uri.IsWellFormedUriString(path, UriKind.Relative))
        {
            throw new FormatException($"--path takes a path on the API starting with '/', like /api/ping; '{path}' is not one.");
        }

        return new CeilingOptions
        {
            Api = a.Api(),
            Concurrency = a.Int("concurrency", defaults.Concurrency, min: 1),
            Duration = a.Seconds("duration", defaults.Duration),
            Path = path,
            ReportDirectory = a.Text("report") ?? defaults.ReportDirectory,
        };
    }

    private static CatalogOptions Catalog(Arguments a, Func<string, string?> environment)
    {
        var defaults = new CatalogOptions { Api = new Uri("http://localhost/"), AdminEmail = "", AdminPassword = "", Products = 0 };
        var (email, password) = Admin(a, environment);
        return new CatalogOptions
        {
            Api = a.Api(),
            AdminEmail = email,
            AdminPassword = password,
            Products = a.Text("products") is null
                ? throw new FormatException("--products N is required, e.g. --products 100000")
                : a.Int("products", 0, min: 1),
            Seed = a.Int("seed", defaults.Seed, min: 0),
            Batch = a.Int("batch", defaults.Batch, min: 1, max: CatalogOptions.MaxBatch),
            Concurrency = a.Int("concurrency", defaults.Concurrency, min: 1),
        };
    }

    private static PathsOptions Paths(Arguments a)
    {
        var defaults = new PathsOptions { Api = new Uri("http://localhost/"), File = "" };
        return new PathsOptions
        {
            Api = a.Api(),
            File = Required(a.Text("file"), "--file FILE is required: a file of request paths, one per line, like /api/products?q=lamp"),
            Concurrency = a.Int("concurrency", defaults.Concurrency, min: 1),
            Duration = a.Seconds("duration", defaults.Duration),
            Warmup = a.Text("warmup") is "0" ? TimeSpan.Zero : a.Seconds("warmup", defaults.Warmup),
            ReportDirectory = a.Text("report") ?? defaults.ReportDirectory,
            Header = a.Text("header") is { } header ? Header(header) : null,
        };
    }

    private static FuzzOptions Fuzz(Arguments a, Func<string, string?> environment)
    {
        var defaults = new FuzzOptions { Api = new Uri("http://localhost/"), AdminEmail = "", AdminPassword = "" };
        return new FuzzOptions
        {
            Api = a.Api(),
            AdminEmail = Required(a.Text("admin-email") ?? environment("ADMIN_EMAIL"),
                "--admin-email (or $ADMIN_EMAIL) is required: the admin account the fuzzer calls admin routes as."),
            AdminPassword = Required(a.Text("admin-password") ?? environment("ADMIN_PASSWORD"),
                "--admin-password (or $ADMIN_PASSWORD) is required."),
            Requests = a.Int("requests", defaults.Requests, min: 1),
            Concurrency = a.Int("concurrency", defaults.Concurrency, min: 1, max: 64),
        };
    }

    private static (string Name, string Value) Header(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? (header[..colon].Trim(), header[(colon + 1)..].Trim())
            : throw new FormatException($"--header takes 'Name: value', got '{header}'");
    }

    private static ChaosOptions Chaos(Arguments a, Func<string, string?> environment)
    {
        var (pids, command) = (a.Text("silo-pids"), a.Text("silo-command"));
        if ((pids is null) == (command is null))
        {
            throw new FormatException(
                "Name the silos to kill with one of --silo-pids DIR (run.sh's pids directory, e.g. .run/pids) or --silo-command CMD (prints their pids).");
        }

        var defaults = new ChaosOptions { Sale = ChaosOptions.SaleDefaults };
        var options = new ChaosOptions
        {
            Sale = FlashSale(a, environment, ChaosOptions.SaleDefaults),
            KillEvery = a.Seconds("kill-every", defaults.KillEvery),
            SiloPidDirectory = pids,
            SiloCommand = command,
            RestartPostgres = a.Text("restart-postgres"),
            RestartPostgresAt = a.Text("restart-postgres-at") is null ? null : a.Seconds("restart-postgres-at", TimeSpan.Zero),
            ReservationTtl = a.Seconds("reservation-ttl", defaults.ReservationTtl),
            GiveUpAfter = a.Seconds("give-up-after", defaults.GiveUpAfter),
            ConsumerSettle = a.Seconds("settle", defaults.ConsumerSettle),
        };
        if (options.RestartPostgresAt is not null && options.RestartPostgres is null)
        {
            throw new FormatException("--restart-postgres-at needs --restart-postgres CMD, the command that restarts PostgreSQL.");
        }

        if (options.RestartPostgres is not null && options.PostgresRestartTime() >= options.Duration)
        {
            throw new FormatException("PostgreSQL would restart after the drill ends: give --restart-postgres-at a time within --duration.");
        }

        return options;
    }

    private static (string Email, string Password) Admin(Arguments a, Func<string, string?> environment) =>
        (Required(a.Text("admin-email") ?? environment("ADMIN_EMAIL"), "The admin's e-mail is missing: pass --admin-email or set ADMIN_EMAIL."),
            Required(a.Text("admin-password") ?? environment("ADMIN_PASSWORD"),
                "The admin's password is missing: pass --admin-password or set ADMIN_PASSWORD."));

    private static string Required(string? value, string message) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException(message) : value;

    private static bool IsSku(string sku) =>
        sku.Length is >= 1 and <= 64 && char.IsAsciiLetterOrDigit(sku[0]) && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The options after the command, checked against the names the command knows.</summary>
    private sealed class Arguments
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public Arguments(IEnumerable<string> tokens, IReadOnlyCollection<string> known)
        {
            using var e = tokens.GetEnumerator();
            while (e.MoveNext())
            {
                var token = e.Current;
                if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                {
                    throw new FormatException($"Unexpected argument '{token}': options look like --name value (see --help).");
                }

                var (name, value) = token.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                    ? (token[2..eq], token[(eq + 1)..])
                    : (token[2..], null);
                if (!known.Contains(name))
                {
                    throw new FormatException($"Unknown option --{name} (see --help).");
                }

                if (value is null)
                {
                    if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new FormatException($"--{name} needs a value.");
                    }

                    value = e.Current;
                }

                if (!_values.TryAdd(name, value))
                {
                    throw new FormatException($"--{name} is given twice.");
                }
            }
        }

        public string? Text(string name) => _values.GetValueOrDefault(name);

        public Uri Api()
        {
            var text = Text("api") ?? throw new FormatException("--api URL is required, e.g. --api http://127.0.0.1:5000");
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"--api takes an http(s) address like http://127.0.0.1:5000; '{text}' is not one.");
            }

            // A trailing slash, so that relative routes ("api/orders") keep any path prefix of the address.
            return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        public int Int(string name, int fallback, int min, int max = int.MaxValue)
        {
            if (Text(name) is not { } text)
            {
                return fallback;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new FormatException((min, max) switch
                {
                    (int.MinValue, _) => $"--{name} takes a whole number; '{text}' is not one.",
                    (_, int.MaxValue) => $"--{name} takes a whole number of at least {min}; '{text}' is not one.",
                    _ => $"--{name} takes a whole number from {min} to {max}; '{text}' is not one.",
                });
            }

            return value;
        }

        public bool YesNo(string name, bool fallback) => Text(name) switch
        {
            null => fallback,
            "yes" => true,
            "no" => false,
            var text => throw new FormatException($"--{name} takes yes or no; '{text}' is neither."),
        };

        public TimeSpan Seconds(string name, TimeSpan fallback)
        {
            if (Text(name) is not { } text)
            {
                return fallback;
            }

            // "90", "90s" and "1.5m" all say the same.
            var (number, unit) = text.EndsWith('m') ? (text[..^1], 60) : text.EndsWith('s') ? (text[..^1], 1) : (text, 1);
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value * unit is <= 0 or > 86_400)
            {
                throw new FormatException($"--{name} takes a number of seconds above 0 (at most a day), like 20, 20s or 2m; '{text}' is not one.");
            }

            return TimeSpan.FromSeconds(value * unit);
        }
    }
}
