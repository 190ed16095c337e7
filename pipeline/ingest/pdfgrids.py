"""Ruled tables from a page's edges: pdfplumber's `find_tables()` ("lines" strategies, default
tolerances) on edges either engine found, so both find the same grids. Its search for cells is
redone here with the same steps, faster (`tests/test_pdf_chars.py` compares the two).
"""

from __future__ import annotations

from .pdfpage import Grid


def ruled_grids(edges: list[dict]) -> list[Grid]:
    """The ruled tables the edges (pdfplumber's `page.edges` shape) draw, as cell grids."""
    from pdfplumber.table import Table, cells_to_tables

    cells = intersection_cells(intersections(edges))
    grids = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]  (rows need no page)
        grids.append(
            Grid(
                tuple(map(float, table.bbox)),  # type: ignore[arg-type]
                [list(row.cells) for row in table.rows],
            )
        )
    return grids


def intersections(edges: list[dict]) -> dict:
    """Where the edges cross, after pdfplumber's snapping and joining: point -> its edges."""
    from pdfplumber import utils
    from pdfplumber.table import TableSettings, edges_to_intersections, merge_edges

    s = TableSettings.resolve(None)
    vertical = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    horizontal = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(
        vertical + horizontal,
        snap_x_tolerance=s.snap_x_tolerance,
        snap_y_tolerance=s.snap_y_tolerance,
        join_x_tolerance=s.join_x_tolerance,
        join_y_tolerance=s.join_y_tolerance,
    )
    merged = utils.filter_edges(merged, min_length=s.edge_min_length)
    return edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance)


def intersection_cells(crossings: dict) -> list[tuple]:
    """pdfplumber's `intersections_to_cells`: for each corner point in order, the smallest cell
    whose four corners are joined by edges. The same steps, with each point's edges made a set
    once rather than at every test of two points, and the points below and right of a point
    found among those in its column and row rather than among all."""
    vertical = {point: {_bbox(e) for e in found["v"]} for point, found in crossings.items()}
    horizontal = {point: {_bbox(e) for e in found["h"]} for point, found in crossings.items()}

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    points = sorted(crossings.keys())
    columns: dict = {}
    rows: dict = {}
    for index, point in enumerate(points):
        columns.setdefault(point[0], []).append(index)
        rows.setdefault(point[1], []).append(index)
    cells = []
    for i, pt in enumerate(points[:-1]):
        # points after this one in sorting order, in that order, with its x (below) or y (right)
        below = [points[j] for j in columns[pt[0]] if j > i and points[j][0] == pt[0]]
        right = [points[j] for j in rows[pt[1]] if j > i and points[j][1] == pt[1]]
        cell = _smallest_cell(pt, below, right, crossings, connects)
        if cell:
            cells.append(cell)
    return cells


def _smallest_cell(pt: tuple, below: list, right: list, intersections: dict, connects) -> tuple:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            bottom_right = (right_pt[0], below_pt[1])
            if (
                bottom_right in intersections
                and connects(bottom_right, right_pt)
                and connects(bottom_right, below_pt)
            ):
                return (pt[0], pt[1], bottom_right[0], bottom_right[1])
    return ()


def _bbox(edge: dict) -> tuple:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def edges_from(lines: list[dict], rects: list[dict], curves: list[dict]) -> list[dict]:
    """A page's table edges from its lines, rectangles and curves, in `page.edges`'s order."""
    from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

    edges = [line_to_edge(line) for line in lines]
    for rect in rects:
        edges.extend(rect_to_edges(rect))
    for curve in curves:
        edges.extend(curve_to_edges(curve))
    return edges
