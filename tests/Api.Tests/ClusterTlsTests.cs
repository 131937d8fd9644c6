using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecommerce.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Ecommerce.Api.Tests;

/// <summary>
/// Mutual TLS between silos and from the API, for real: a certificate authority and certificates made here, two silo
/// processes and an API process with <c>Cluster__Tls__*</c>, a sale through them; and a client whose certificate
/// another authority issued, refused by the silo.
/// </summary>
public sealed class ClusterTlsTests
{
    [Fact]
    public async Task Two_silos_and_the_api_work_over_mutual_tls_and_a_certificate_of_another_authority_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("ecommerce-tls-");
        try
        {
            using var authority = Authority("Shop cluster CA");
            using var node = Issue(authority, "shop node");
            using var rogueAuthority = Authority("Someone else's CA");
            using var rogue = Issue(rogueAuthority, "intruder");
            var tls = new Dictionary<string, string>
            {
                ["Cluster__Tls__Enabled"] = "true",
                ["Cluster__Tls__CertificatePath"] = Write(directory, "node.pem", node.ExportCertificatePem()),
                ["Cluster__Tls__KeyPath"] = Write(directory, "node.key", node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()),
                ["Cluster__Tls__AuthorityPath"] = Write(directory, "ca.pem", authority.ExportCertificatePem()),
            };
            var (silo0, gateway0, silo1, gateway1) = (Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free());
            await using var first = await ShopProcess.StartSiloAsync("silo-0", new Dictionary<string, string>(tls)
            {
                ["Cluster__SiloPort"] = $"{silo0}",
                ["Cluster__GatewayPort"] = $"{gateway0}",
                ["Cluster__PrimarySiloPort"] = $"{silo0}",
            });
            await using var second = await ShopProcess.StartSiloAsync("silo-1", new Dictionary<string, string>(tls)
            {
                ["Cluster__SiloPort"] = $"{silo1}",
                ["Cluster__GatewayPort"] = $"{gateway1}",
                ["Cluster__PrimarySiloPort"] = $"{silo0}",
            });
            await using var api = await ShopProcess.StartApiAsync("api", new Dictionary<string, string>(tls)
            {
                ["Cluster__GatewayPorts__0"] = $"{gateway0}",
                ["Cluster__GatewayPorts__1"] = $"{gateway1}",
                ["Admin__Email"] = "admin@shop.test",
                ["Admin__Password"] = "tls-admin-password",
            });

            // A sale: its grains are spread over both silos, so calls go client -> gateway and silo -> silo, all over TLS.
            var http = () => new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var admin = await Shop.LoginAsync(http(), "admin@shop.test", "tls-admin-password");
            var skus = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                skus.Add(await Shop.ProductAsync(admin, units: 5));
            }

            await Shop.RegisterAsync(http(), "tls-buyer@shop.test", "password-1234");
            var buyer = await Shop.LoginAsync(http(), "tls-buyer@shop.test", "password-1234");
            foreach (var sku in skus)
            {
                Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku)).StatusCode);
            }

            // (The second silo reported ready only once it was an active member: it joined the first over TLS.)
            // An Orleans client of the gateway: with the cluster's certificate it gets an answer; with another
            // authority's, the silo drops the connection (on Linux the handshake itself completes, then the silo's check
            // of the client's certificate fails and it closes), so the client can't start.
            await ConnectAsync(gateway0, node, authority);
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(gateway0, rogue, authority));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task ConnectAsync(int gateway, X509Certificate2 certificate, X509Certificate2 authority)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gateway, "ecommerce", "ecommerce");
            client.UseTls(certificate, o =>
            {
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.RemoteCertificateValidation = (peer, _, _) => ClusterTls.IssuedBy(peer, authority);
            });
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        try
        {
            Assert.NotEmpty(await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A certificate for both ends of a connection (server and client authentication).</summary>
    private static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12),
            RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    private static string Write(DirectoryInfo directory, string name, string pem)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
