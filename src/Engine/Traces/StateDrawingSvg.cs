using System.Globalization;
using System.Net;
using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// Lays a <see cref="StateDrawing"/> out as one SVG element: panels one below the other, each row a chain
/// of boxes left to right, slots as cells of a box, arrows between boxes curving through the left
/// margin (so they never cross a box), and arrows to a panel ending at its title. Every coordinate is
/// computed here from text lengths, so the same drawing gives the same bytes; the CSS classes
/// (<c>tone-evacuated</c>, ...) are the report's.
/// </summary>
public static class StateDrawingSvg
{
    const double CharWidth = 7.2;
    const int Margin = 56, SlotPadding = 8, BoxGap = 18, RowHeight = 24, RowGap = 8, MarkerHeight = 14, TitleHeight = 24, CaptionHeight = 18;

    public static string Render(StateDrawing drawing)
    {
        var svg = new StringBuilder();
        var boxes = new Dictionary<string, (double X, double Y, double Width)>(StringComparer.Ordinal);
        var panels = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var body = new StringBuilder();
        double y = 4, width = Margin + 200;
        foreach (var line in drawing.Caption)
        {
            width = Math.Max(width, 8 + line.Length * CharWidth * 0.9);
            y += CaptionHeight;
            body.Append("<text class=\"caption\" x=\"4\" y=\"").Append(N(y - 5)).Append("\">").Append(Encode(line)).Append("</text>");
        }
        foreach (var panel in drawing.Panels)
        {
            y += TitleHeight;
            panels[panel.Id] = (Margin, y - 8);
            body.Append("<text class=\"panel-title\" data-panel=\"").Append(Encode(panel.Id)).Append("\" x=\"").Append(Margin).Append("\" y=\"").Append(N(y - 6)).Append("\">")
                .Append(Encode(panel.Title)).Append("</text>");
            double labelWidth = panel.Rows.Select(r => r.Label.Length).DefaultIfEmpty(0).Max() * CharWidth + 10;
            foreach (var row in panel.Rows)
            {
                bool markers = row.Boxes.Any(b => b.Slots.Any(s => s.Markers.Count > 0));
                double top = y + 2, x = Margin + labelWidth;
                body.Append("<text class=\"row-label\" x=\"").Append(Margin).Append("\" y=\"").Append(N(top + 16)).Append("\">").Append(Encode(row.Label)).Append("</text>");
                for (int i = 0; i < row.Boxes.Count; i++)
                {
                    var box = row.Boxes[i];
                    if (i > 0)
                    {
                        body.Append("<path class=\"link\" d=\"M ").Append(N(x - BoxGap + 2)).Append(' ').Append(N(top + RowHeight / 2.0)).Append(" H ").Append(N(x - 2))
                            .Append("\" marker-end=\"url(#drawing-arrow)\"/>");
                    }
                    double boxWidth = box.Slots.Sum(SlotWidth);
                    boxes[box.Id] = (x, top, boxWidth);
                    body.Append("<g class=\"box tone-").Append(StateDrawing.ToneName(box.Tone)).Append("\" data-box=\"").Append(Encode(box.Id)).Append("\">");
                    body.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(top)).Append("\" width=\"").Append(N(boxWidth)).Append("\" height=\"").Append(RowHeight).Append("\" rx=\"3\"/>");
                    double sx = x;
                    foreach (var slot in box.Slots)
                    {
                        double w = SlotWidth(slot);
                        if (slot.Tone != Tone.Plain)
                            body.Append("<rect class=\"slot tone-").Append(StateDrawing.ToneName(slot.Tone)).Append("\" x=\"").Append(N(sx + 1)).Append("\" y=\"").Append(N(top + 1))
                                .Append("\" width=\"").Append(N(w - 2)).Append("\" height=\"").Append(RowHeight - 2).Append("\"/>");
                        if (sx > x) body.Append("<path class=\"slot-edge\" d=\"M ").Append(N(sx)).Append(' ').Append(N(top)).Append(" V ").Append(N(top + RowHeight)).Append("\"/>");
                        body.Append("<text x=\"").Append(N(sx + w / 2)).Append("\" y=\"").Append(N(top + 16)).Append("\" text-anchor=\"middle\">").Append(Encode(slot.Text)).Append("</text>");
                        if (slot.Markers.Count > 0)
                            body.Append("<text class=\"slot-marker\" x=\"").Append(N(sx + w / 2)).Append("\" y=\"").Append(N(top + RowHeight + MarkerHeight - 3))
                                .Append("\" text-anchor=\"middle\">").Append(Encode("^ " + string.Join(" ", slot.Markers))).Append("</text>");
                        sx += w;
                    }
                    body.Append("</g>");
                    x += boxWidth + BoxGap;
                }
                if (row.Markers.Count > 0)
                {
                    var marker = "<- " + string.Join(", ", row.Markers);
                    body.Append("<text class=\"row-marker\" x=\"").Append(N(x - BoxGap + 8)).Append("\" y=\"").Append(N(top + 16)).Append("\">").Append(Encode(marker)).Append("</text>");
                    x += marker.Length * CharWidth;
                }
                width = Math.Max(width, x + 8);
                y += RowHeight + RowGap + (markers ? MarkerHeight : 0);
            }
        }
        foreach (var arrow in drawing.Arrows)
        {
            if (!boxes.TryGetValue(arrow.From, out var from)) continue;
            (double X, double Y) to;
            if (boxes.TryGetValue(arrow.To, out var target)) to = (target.X, target.Y + RowHeight / 2.0);
            else if (panels.TryGetValue(arrow.To, out var panel)) to = (panel.X - 2, panel.Y);
            else continue;
            double y1 = from.Y + RowHeight / 2.0, bend = Math.Min(Margin - 6, 14 + Math.Abs(to.Y - y1) / 8);
            double leftmost = Math.Min(from.X, to.X) - bend;
            body.Append("<path class=\"arrow tone-").Append(StateDrawing.ToneName(arrow.Tone)).Append("\" data-from=\"").Append(Encode(arrow.From)).Append("\" data-to=\"").Append(Encode(arrow.To))
                .Append("\" d=\"M ").Append(N(from.X)).Append(' ').Append(N(y1)).Append(" C ").Append(N(leftmost)).Append(' ').Append(N(y1)).Append(' ')
                .Append(N(leftmost)).Append(' ').Append(N(to.Y)).Append(' ').Append(N(to.X)).Append(' ').Append(N(to.Y)).Append("\" marker-end=\"url(#drawing-arrow)\"/>");
            if (arrow.Label.Length > 0)
                body.Append("<text class=\"arrow-label\" x=\"").Append(N(leftmost + 0.25 * (Math.Min(from.X, to.X) - leftmost) - 2)).Append("\" y=\"").Append(N((y1 + to.Y) / 2 + 4))
                    .Append("\" text-anchor=\"end\">").Append(Encode(arrow.Label)).Append("</text>");
        }
        svg.Append("<svg class=\"drawing\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(y + 6)).Append("\">")
            .Append("<defs><marker id=\"drawing-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>")
            .Append(body).Append("</svg>");
        return svg.ToString();
    }

    static double SlotWidth(DrawnSlot slot) =>
        Math.Max(Math.Max(slot.Text.Length, slot.Markers.Count == 0 ? 0 : 2 + string.Join(" ", slot.Markers).Length * 0.85) * CharWidth + 2 * SlotPadding, 24);

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
