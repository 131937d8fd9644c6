using System.Data.Common;

namespace Ecommerce.Grains.Hosting;

/// <summary>
/// Turns a database fault escaping a grain call (PostgreSQL restarting, a connection cut) into a
/// <see cref="ShopUnavailableException"/>: the driver's exceptions have no Orleans codec, so the caller would get a
/// serialization error instead, and the API a 500 instead of a 503 worth retrying.
/// </summary>
public sealed class StorageFaultFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();

        // Most calls complete without a fault: no state machine for them.
        return call.IsCompletedSuccessfully ? call : Translated(call, context);
    }

    private static async Task Translated(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (DbException fault)
        {
            throw new ShopUnavailableException(
                $"{context.InterfaceName}.{context.MethodName} met a database fault ({fault.GetType().Name}: {fault.Message}); retry shortly.");
        }
    }
}
