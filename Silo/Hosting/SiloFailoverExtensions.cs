namespace Ecommerce.Silo.Hosting;

/// <summary>
/// How fast the silos notice that one of them died. Orleans' defaults suit large clusters on slow networks (a dead silo
/// is declared after about 15-30 s); a shop in a flash sale wants seconds, since every call to the dead silo's grains
/// fails until then. Each value can be overridden under <c>Cluster:Membership</c> and <c>Cluster:Messaging</c>
/// (README, "Failover").
/// </summary>
public static class SiloFailoverExtensions
{
    public static ISiloBuilder AddShopFailover(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<ClusterMembershipOptions>(o =>
        {
            // A probe unanswered within 2 s is missed (Orleans adapts it between 1 and 8 s to the peer's observed
            // answers, and stretches it while this silo itself is starved); three missed probes, the last one sent
            // through another silo, make a suspicion, and that other silo's vote with ours declares the death. A
            // killed process refuses connections at once, so this is about 3 to 6 s.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);

            // Gossip spreads a death at once; the table is read every 5 s in case a message was lost, and a silo's
            // heartbeat row every 10 s marks entries of silos gone without a trace as stale within 30 s.
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Membership"));

        // A call from grain to grain that meets a dead silo fails as soon as the death is declared; this bounds the
        // rest (a silo alive but stuck) at 15 s instead of 30.
        silo.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        silo.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Cluster:Messaging"));
        return silo;
    }
}
