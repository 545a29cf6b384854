using Microsoft.Data.Sqlite;
using Storefront.Catalog;

namespace Storefront.Data;

/// <summary>
/// The catalogue in an in-memory SQLite database, created and seeded when the app starts. The one
/// connection stays open for the app's lifetime: an in-memory database lives only as long as one does.
/// </summary>
public sealed class CatalogDatabase : ICatalogSource, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Lock _lock = new();

    public CatalogDatabase()
    {
        _connection.Open();
        Execute("""
            CREATE TABLE product (shelf INTEGER PRIMARY KEY, name TEXT NOT NULL, price TEXT NOT NULL, on_sale INTEGER NOT NULL);
            -- Prices as text: SQLite has no decimal type, and text keeps the cents exactly.
            INSERT INTO product VALUES (1, 'tea', '4.00', 1), (2, 'coffee', '3.50', 1), (3, 'cocoa', '2.95', 0), (4, 'cake', '2.75', 1);
            """);
    }

    public IEnumerable<CatalogEntry> ReadAll()
    {
        // A SqliteConnection is not thread-safe, and requests arrive on many threads.
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT name, price, on_sale FROM product ORDER BY shelf";
            using var reader = command.ExecuteReader();
            var rows = new List<CatalogEntry>();
            while (reader.Read())
            {
                rows.Add(new CatalogEntry(reader.GetString(0), reader.GetDecimal(1), reader.GetBoolean(2)));
            }

            return rows;
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
