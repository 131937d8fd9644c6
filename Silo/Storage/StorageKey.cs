using System.Text;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// The key of one grain-state row, computed exactly as Orleans' ADO.NET grain storage computes it (same hashes, same
/// split of the grain key into N0/N1/extension), so that a row written by either provider is found by the other.
/// Ordered, so that a round locks its rows in one order on every silo and two rounds cannot deadlock.
/// </summary>
public readonly record struct StorageKey(
    int GrainIdHash, int GrainTypeHash, long N0, long N1, string GrainTypeString, string? Extension)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    /// <summary>
    /// The row of <paramref name="stateName"/> for <paramref name="grainId"/>. Orleans' provider keys rows by the state
    /// name ("the grain type" in its parameters); the state names here carry no generic arity, which it would strip.
    /// </summary>
    public static StorageKey For(string stateName, GrainId grainId)
    {
        byte[] hashed;
        long n0 = 0, n1 = 0;
        string? extension;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var bytes = guid.ToByteArray();
            (n0, n1) = (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
            hashed = WithExtension(bytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            hashed = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            extension = grainId.Key.ToString();
            hashed = Encoding.UTF8.GetBytes(extension);
        }

        // Orleans hashes the key's bytes in big-endian order.
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(hashed);
        }

        return new StorageKey(Hasher.Hash(hashed), Hasher.Hash(Encoding.UTF8.GetBytes(stateName)), n0, n1, stateName, extension);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];

    /// <summary>The order in which a round locks its rows.</summary>
    public static readonly IComparer<StorageKey> LockOrder = Comparer<StorageKey>.Create(static (a, b) =>
    {
        var order = a.GrainIdHash.CompareTo(b.GrainIdHash);
        order = order != 0 ? order : a.GrainTypeHash.CompareTo(b.GrainTypeHash);
        order = order != 0 ? order : a.N0.CompareTo(b.N0);
        order = order != 0 ? order : a.N1.CompareTo(b.N1);
        order = order != 0 ? order : string.CompareOrdinal(a.GrainTypeString, b.GrainTypeString);
        return order != 0 ? order : string.CompareOrdinal(a.Extension, b.Extension);
    });
}
