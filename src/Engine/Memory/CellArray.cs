namespace ModelCheck.Engine;

/// <summary>A fixed-length array of controlled cells, named "name[i]" in traces.</summary>
public sealed class CellArray<T>
{
    readonly Cell<T>[] cells;
    string? elementName;

    internal CellArray(Runtime runtime, string name, int length, T initial)
    {
        Name = name;
        cells = new Cell<T>[length];
        for (int i = 0; i < length; i++) cells[i] = new Cell<T>(runtime, this, i, initial);
    }

    public string Name { get; }
    public int Length => cells.Length;
    public Cell<T> this[int index] => cells[index];

    /// <summary>"name[i]": what the elements are called where one site accesses any of them.</summary>
    internal string ElementName => elementName ??= Name + "[i]";
}
