using Ecommerce.Grains.Inventory;
using Ecommerce.Grains.Notifications;
using Ecommerce.Grains.Orders;
using Ecommerce.Grains.Payments;
using Ecommerce.Grains.Recommendations;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Grains.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Grains.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>What the shop's grains need from the silo: their options, a clock, payments, e-mail, and database faults made retryable.</summary>
    public static IServiceCollection AddShopGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.Section))
            .Validate(o => o.ReservationTtl > TimeSpan.Zero && o.ExpirySweepInterval > TimeSpan.Zero, "Inventory times must be positive.")
            .ValidateOnStart();
        services.AddOptions<OrderOptions>().Bind(configuration.GetSection(OrderOptions.Section))
            .Validate(o => o.CancellationWindow >= TimeSpan.Zero, "Orders:CancellationWindow must not be negative.")
            .ValidateOnStart();
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.MaxRetries >= 0 && o.BreakDuration > TimeSpan.Zero, "Payments settings are out of range.")
            .ValidateOnStart();
        services.TryAddSingleton<SimulatedPaymentGateway>();
        services.TryAddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SimulatedPaymentGateway>());
        services.AddPaymentPipeline();
        services.AddHostedService<ShopMetricsStartup>();
        services.AddOptions<LoginOptions>().Bind(configuration.GetSection(LoginOptions.Section))
            .Validate(o => o.AccountFailures > 0 && o.AddressFailures > 0 && o.Window > TimeSpan.Zero && o.Lockout > TimeSpan.Zero
                && o.MaxLockout >= o.Lockout, "Logins settings are out of range.")
            .ValidateOnStart();
        services.AddSingleton<IIncomingGrainCallFilter, StorageFaultFilter>();
        services.AddOptions<RecommendationOptions>().Bind(configuration.GetSection(RecommendationOptions.Section));
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        if (string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:Smtp:Host"]))
        {
            services.TryAddSingleton<IEmailSender, LoggingEmailSender>();
        }
        else
        {
            services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return services;
    }
}
