using Ecommerce.Grains.Inventory;
using Ecommerce.Grains.Orders;
using Ecommerce.Grains.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Grains.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>What the shop's grains need from the silo: their options, a clock and the payment gateway.</summary>
    public static IServiceCollection AddShopGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.Section))
            .Validate(o => o.ReservationTtl > TimeSpan.Zero && o.ExpirySweepInterval > TimeSpan.Zero, "Inventory times must be positive.")
            .ValidateOnStart();
        services.AddOptions<OrderOptions>().Bind(configuration.GetSection(OrderOptions.Section))
            .Validate(o => o.CancellationWindow >= TimeSpan.Zero, "Orders:CancellationWindow must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        return services;
    }
}
