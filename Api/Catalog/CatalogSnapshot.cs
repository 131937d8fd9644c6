using System.Text;
using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// The catalog as one API process last held it, with the feed position it was current at, in a local file: a process
/// that starts next to it loads the products from the file and catches up from the feed, instead of reading the whole
/// catalog out of the shards. Written to a temporary file and renamed, so a reader never sees half of one.
/// </summary>
public static class CatalogSnapshot
{
    private const string Magic = "ECS1";

    public static void Save(string path, FeedPosition position, IReadOnlyCollection<Product> products)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(file, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(position.Epoch.ToByteArray());
            writer.Write(position.Sequence);
            writer.Write(products.Count);
            foreach (var p in products)
            {
                var d = p.Details;
                writer.Write(p.Sku);
                writer.Write(d.Name);
                writer.Write(d.Description);
                writer.Write(d.Category);
                writer.Write(d.Price);
                writer.Write(d.Currency);
                writer.Write(d.MaxPerCustomer ?? 0);
                Write(writer, d.AvailableFrom);
                Write(writer, p.CreatedAt);
                Write(writer, p.UpdatedAt);
                writer.Write(p.Version);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The snapshot at a path, or null when there is none or it can't be read (then the catalog is loaded whole).</summary>
    public static (FeedPosition Position, Product[] Products)? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var reader = new BinaryReader(file, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                return null;
            }

            var position = new FeedPosition(new Guid(reader.ReadBytes(16)), reader.ReadInt64());
            var products = new Product[reader.ReadInt32()];
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < products.Length; i++)
            {
                var sku = reader.ReadString();
                var name = reader.ReadString();
                var description = reader.ReadString();
                var category = Shared(strings, reader.ReadString());
                var price = reader.ReadDecimal();
                var currency = Shared(strings, reader.ReadString());
                var limit = reader.ReadInt32();
                var details = new ProductDetails(name, description, category, price, currency, limit == 0 ? null : limit, ReadOptional(reader));
                products[i] = new Product(sku, details, ReadOptional(reader)!.Value, ReadOptional(reader)!.Value, reader.ReadInt32());
            }

            return (position, products);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string Shared(Dictionary<string, string> strings, string value)
    {
        if (!strings.TryGetValue(value, out var known))
        {
            strings[value] = known = value;
        }

        return known;
    }

    private static void Write(BinaryWriter writer, DateTimeOffset? value)
    {
        writer.Write(value is not null);
        if (value is { } v)
        {
            writer.Write(v.UtcTicks);
            writer.Write((short)v.Offset.TotalMinutes);
        }
    }

    private static DateTimeOffset? ReadOptional(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(ticks + offset.Ticks, offset);
    }
}
