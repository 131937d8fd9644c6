namespace Ecommerce.Telemetry;

/// <summary>
/// The names every process agrees on for telemetry: the shop's own meter and activity source, and the services as
/// they appear in traces and on metrics (<c>service.name</c>). The instruments themselves live beside the grains
/// that record them (<c>Ecommerce.Grains.Telemetry.ShopMetrics</c>).
/// </summary>
public static class ShopTelemetry
{
    /// <summary>The meter of the shop's business instruments (orders, stock, payments, events).</summary>
    public const string MeterName = "Ecommerce.Shop";

    /// <summary>The activity source of the shop's own spans (the call to the payment processor).</summary>
    public const string ActivitySourceName = "Ecommerce.Shop";

    public const string SiloService = "ecommerce-silo";
    public const string ApiService = "ecommerce-api";
}
