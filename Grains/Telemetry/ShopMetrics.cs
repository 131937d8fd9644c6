using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Ecommerce.Grains.Payments;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Telemetry;
using Polly.CircuitBreaker;

namespace Ecommerce.Grains.Telemetry;

/// <summary>
/// The shop's business instruments, on the <see cref="ShopTelemetry.MeterName"/> meter. Static, and every tag is a
/// pre-built pair, so that recording on the hot path is an addition and nothing else. Names as Prometheus shows
/// them are listed in the README.
/// </summary>
public static class ShopMetrics
{
    private const string Reason = "reason";
    private const string Outcome = "outcome";

    private static readonly Meter Meter = new(ShopTelemetry.MeterName);

    /// <summary>The shop's own spans; free when nothing listens.</summary>
    public static readonly ActivitySource Activities = new(ShopTelemetry.ActivitySourceName);

    private static readonly Counter<long> OrdersPlaced = Meter.CreateCounter<long>(
        "shop.orders.placed", "{order}", "Orders accepted with every unit reserved, before payment.");

    private static readonly Counter<long> OrdersConfirmed = Meter.CreateCounter<long>(
        "shop.orders.confirmed", "{order}", "Orders paid and with their units sold.");

    private static readonly Counter<long> OrdersCancelled = Meter.CreateCounter<long>(
        "shop.orders.cancelled", "{order}", "Orders cancelled by their buyer.");

    private static readonly Counter<long> OrdersFailed = Meter.CreateCounter<long>(
        "shop.orders.failed", "{order}", "Orders that ended without a sale, by reason (out_of_stock, payment_declined, ...).");

    private static readonly Counter<long> UnitsSold = Meter.CreateCounter<long>(
        "shop.units.sold", "{unit}", "Units moved from reserved to sold at their stock.");

    private static readonly Counter<long> ReservationsMade = Meter.CreateCounter<long>(
        "shop.reservations.made", "{reservation}", "Reservations granted by the stock grains.");

    private static readonly Counter<long> ReservationsExpired = Meter.CreateCounter<long>(
        "shop.reservations.expired", "{reservation}", "Reservations that lapsed back to available before their order confirmed.");

    private static readonly Counter<long> ReservationsRefused = Meter.CreateCounter<long>(
        "shop.reservations.refused", "{reservation}",
        "Reservations refused by the stock grains, by reason: out_of_stock is an oversell attempt refused.");

    private static readonly UpDownCounter<long> StockAvailable = Meter.CreateUpDownCounter<long>(
        "shop.stock.available", "{unit}", "Units on sale now, over the stock grains active in this silo.");

    private static readonly UpDownCounter<long> StockReserved = Meter.CreateUpDownCounter<long>(
        "shop.stock.reserved", "{unit}", "Units reserved by orders not yet confirmed, over the stock grains active in this silo.");

    private static readonly Counter<long> Payments = Meter.CreateCounter<long>(
        "shop.payments", "{payment}", "Charges sent to the payment processor, by outcome (approved, declined, unavailable).");

    private static readonly Histogram<double> PaymentDuration = Meter.CreateHistogram(
        "shop.payment.duration", "s", "Time to an answer from the payment processor, retries included, by outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "shop.events.published", "{event}", "Order events taken by the stream provider, by kind (placed, confirmed, cancelled).");

    private static readonly Counter<long> EventsConsumed = Meter.CreateCounter<long>(
        "shop.events.consumed", "{event}", "Order events delivered to a consumer, by consumer and result (applied, duplicate).");

    private static readonly ConcurrentDictionary<PaymentCircuit, byte> Circuits = new();

    private static readonly ObservableGauge<int> CircuitStateGauge = Meter.CreateObservableGauge(
        "shop.payment.circuit.state", ObserveCircuits, "{state}",
        "The payment circuit breaker: 0 closed, 1 half-open (one trial call), 2 open (orders fail fast).");

    private static readonly KeyValuePair<string, object?>[] FailureReasons = Tags<PlaceOrderOutcome>(Reason);
    private static readonly KeyValuePair<string, object?>[] RefusalReasons = Tags<ReserveOutcome>(Reason);
    private static readonly KeyValuePair<string, object?>[] PaymentOutcomes = Tags<PaymentOutcome>(Outcome);
    private static readonly KeyValuePair<string, object?>[] EventKinds = Tags<OrderEventKind>("kind");
    private static readonly ConcurrentDictionary<Type, (KeyValuePair<string, object?>[] Applied, KeyValuePair<string, object?>[] Duplicate)> Consumers = new();

    public static void OrderPlaced() => OrdersPlaced.Add(1);

    public static void OrderConfirmed() => OrdersConfirmed.Add(1);

    public static void OrderCancelled() => OrdersCancelled.Add(1);

    public static void OrderFailed(PlaceOrderOutcome reason) => OrdersFailed.Add(1, FailureReasons[(int)reason]);

    public static void Sold(int units) => UnitsSold.Add(units);

    public static void ReservationMade() => ReservationsMade.Add(1);

    public static void Expired(int reservations) => ReservationsExpired.Add(reservations);

    public static void ReservationRefused(ReserveOutcome reason) => ReservationsRefused.Add(1, RefusalReasons[(int)reason]);

    /// <summary>A stock grain's units changed by these amounts (or it activated, or deactivated).</summary>
    public static void StockChanged(int available, int reserved)
    {
        if (available != 0)
        {
            StockAvailable.Add(available);
        }

        if (reserved != 0)
        {
            StockReserved.Add(reserved);
        }
    }

    public static void PaymentAnswered(PaymentOutcome outcome, TimeSpan elapsed)
    {
        var tag = PaymentOutcomes[(int)outcome];
        Payments.Add(1, tag);
        PaymentDuration.Record(elapsed.TotalSeconds, tag);
    }

    public static void EventPublished(OrderEventKind kind) => EventsPublished.Add(1, EventKinds[(int)kind]);

    public static void EventConsumed(Type consumer, bool duplicate)
    {
        var tags = Consumers.GetOrAdd(consumer, ConsumerTags);
        EventsConsumed.Add(1, duplicate ? tags.Duplicate : tags.Applied);
    }

    /// <summary>Follows a silo's payment circuit until it is disposed with the silo.</summary>
    public static void Track(PaymentCircuit circuit) => Circuits.TryAdd(circuit, 0);

    public static void Untrack(PaymentCircuit circuit) => Circuits.TryRemove(circuit, out _);

    /// <summary>
    /// Records a zero for every counter and every reason, so each series exists from the start: a rate or an alert
    /// over a series that was never written would see nothing rather than zero.
    /// </summary>
    public static void Initialize()
    {
        OrdersPlaced.Add(0);
        OrdersConfirmed.Add(0);
        OrdersCancelled.Add(0);
        UnitsSold.Add(0);
        ReservationsMade.Add(0);
        ReservationsExpired.Add(0);
        StockAvailable.Add(0);
        StockReserved.Add(0);
        foreach (var reason in (ReadOnlySpan<PlaceOrderOutcome>)[PlaceOrderOutcome.OutOfStock, PlaceOrderOutcome.NotOnSale,
            PlaceOrderOutcome.LimitExceeded, PlaceOrderOutcome.PaymentDeclined, PlaceOrderOutcome.PaymentUnavailable])
        {
            OrdersFailed.Add(0, FailureReasons[(int)reason]);
        }

        foreach (var reason in RefusalReasons.Where((_, i) => i != (int)ReserveOutcome.Reserved))
        {
            ReservationsRefused.Add(0, reason);
        }

        foreach (var outcome in PaymentOutcomes)
        {
            Payments.Add(0, outcome);
        }

        foreach (var kind in EventKinds)
        {
            EventsPublished.Add(0, kind);
        }
    }

    private static IEnumerable<Measurement<int>> ObserveCircuits()
    {
        if (Circuits.IsEmpty)
        {
            return [];
        }

        // One silo has one circuit; test processes that host several silos report the worst.
        return [new Measurement<int>(Circuits.Keys.Max(c => c.State switch
        {
            CircuitState.Closed => 0,
            CircuitState.HalfOpen => 1,
            _ => 2,
        }))];
    }

    private static (KeyValuePair<string, object?>[], KeyValuePair<string, object?>[]) ConsumerTags(Type consumer)
    {
        var name = SnakeCase(consumer.Name.Replace("Grain", "", StringComparison.Ordinal));
        return (
            [new("consumer", name), new("result", "applied")],
            [new("consumer", name), new("result", "duplicate")]);
    }

    /// <summary>One tag per value of the enum, indexed by its number (the enums are dense from zero).</summary>
    private static KeyValuePair<string, object?>[] Tags<TEnum>(string key) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var tags = new KeyValuePair<string, object?>[values.Length];
        foreach (var value in values)
        {
            tags[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = new(key, SnakeCase(value.ToString()));
        }

        return tags;
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
