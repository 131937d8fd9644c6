using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ecommerce.Hosting;

/// <summary>
/// The <c>Cluster:Tls</c> section: mutual TLS on silo-to-silo and client-to-gateway connections (Orleans'
/// Microsoft.Orleans.Connections.Security). Every silo and API process presents its certificate and accepts only peers
/// whose certificates chain to the cluster's own authority; host names are not checked, since silos are reached by IP.
/// </summary>
public sealed class ClusterTls
{
    public bool Enabled { get; set; }

    /// <summary>This process's certificate: PEM (with <see cref="KeyPath"/>) or PKCS#12 (.pfx).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key, PEM; empty for a PKCS#12 certificate that holds it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's certificate authority, PEM: peers must present a certificate it issued.</summary>
    public string? AuthorityPath { get; set; }

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var (name, path) in new[] { ("CertificatePath", CertificatePath), ("AuthorityPath", AuthorityPath) })
        {
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                yield return $"Cluster:Tls:Enabled is true but Cluster:Tls:{name} ('{path}') names no file.";
            }
        }

        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath))
        {
            yield return $"Cluster:Tls:KeyPath ('{KeyPath}') names no file.";
        }
    }

    public X509Certificate2 LoadCertificate()
    {
        if (string.IsNullOrWhiteSpace(KeyPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, password: null);
        }

        // A PEM key is ephemeral on Linux; SslStream wants it in a PKCS#12 store to present it.
        using var pem = X509Certificate2.CreateFromPemFile(CertificatePath!, KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    public X509Certificate2 LoadAuthority() => X509CertificateLoader.LoadCertificateFromFile(AuthorityPath!);

    /// <summary>Whether a peer's certificate chains to the authority (and only to it): the whole check of a peer.</summary>
    public static bool IssuedBy(X509Certificate2 peer, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer)
            && CryptographicOperations.FixedTimeEquals(chain.ChainElements[^1].Certificate.RawData, authority.RawData);
    }
}
