//! Orthogonal routing of the diagram's links through the gutters between boxes.
//!
//! The placed boxes define a sparse grid: its lines run along the middle of
//! every gap between two box edges (the gutters between segment boxes, the
//! corridors between bands, the gaps between chips inside a box), plus the
//! centre lines of the boxes links end on. A link is a shortest path on that
//! grid (A*, length plus a cost per bend plus a large cost per crossing of a
//! link already routed), from a port on a side of its source to a port on a
//! side of its target. Grid points inside a box a link does not end on are
//! never used, nor points inside a segment box that holds neither of its
//! ends, nor the title area of any segment box, so no path crosses a box or a
//! box's title. Every link is routed once, then each is routed again with all
//! the others in place (one pass of rip-up and reroute).
//!
//! Links that share a grid line are then moved apart onto parallel tracks
//! ("nudging"), in an order chosen so that two links sharing a channel do not
//! cross inside it when they need not.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::layout::Rect;

/// A point (x, y).
pub type Pt = (f64, f64);

/// One end of a link to route.
#[derive(Debug, Clone, Copy)]
pub struct End {
    /// The box the link attaches to.
    pub rect: Rect,
    /// The segment box holding this end (its inside may be crossed to reach it).
    pub container: Option<usize>,
}

/// A link to route.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    /// Source end.
    pub from: End,
    /// Target end.
    pub to: End,
}

/// What the router must go around.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    /// Boxes no link may cross (devices, systems, groups, outside items,
    /// titles): every item box, including the ends' own.
    pub solid: Vec<Rect>,
    /// Segment boxes: crossed only by links with an end inside.
    pub frames: Vec<Rect>,
    /// Further edges that shape channels without blocking (zone bands).
    pub guides: Vec<Rect>,
    /// Routing area.
    pub bounds: Rect,
}

/// Cost of one bend, in user units of length.
const BEND: f64 = 120.0;
/// Cost of crossing a link already routed.
const CROSS: f64 = 900.0;
/// Cost per unit of length run along a link already routed.
const SHARE: f64 = 0.15;
/// Routing passes: the first routes every link in turn, each further one
/// routes each link again with all the others in place.
const PASSES: usize = 2;
/// Preferred distance between parallel links in one channel.
const TRACK: f64 = 10.0;
/// Gaps narrower than this get no grid line.
const MIN_GAP: f64 = 3.0;
/// How far beyond the box around a link's two ends its route is first sought.
const WINDOW: f64 = 1500.0;
/// How far from a box's corner a port may be.
const PORT_INSET: f64 = 4.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Left = 0,
    Right = 1,
    Up = 2,
    Down = 3,
}

const DIRS: [Dir; 4] = [Dir::Left, Dir::Right, Dir::Up, Dir::Down];

impl Dir {
    fn horizontal(self) -> bool {
        matches!(self, Dir::Left | Dir::Right)
    }
}

/// Sorted, deduplicated coordinates.
fn dedup(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    v
}

/// Grid lines along one axis: the middle of every gap between consecutive
/// edges, and the given extra lines; with, for each, how wide its gap is.
fn lines(edges: &[f64], extra: &[f64], lo: f64, hi: f64) -> (Vec<f64>, Vec<f64>) {
    let edges = dedup(
        edges
            .iter()
            .copied()
            .filter(|v| *v >= lo && *v <= hi)
            .collect(),
    );
    let mut out: Vec<f64> = edges
        .windows(2)
        .filter(|w| w[1] - w[0] >= MIN_GAP)
        .map(|w| (w[0] + w[1]) / 2.0)
        .collect();
    out.extend(extra.iter().copied().filter(|v| *v > lo && *v < hi));
    let out = dedup(out);
    let gaps = out
        .iter()
        .map(|v| {
            let i = edges.partition_point(|e| e < v);
            let below = if i > 0 { v - edges[i - 1] } else { TRACK * 4.0 };
            let above = edges.get(i).map_or(TRACK * 4.0, |e| e - v);
            2.0 * below.min(above)
        })
        .collect();
    (out, gaps)
}

/// The routing grid with what occupies each point.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    x_gap: Vec<f64>,
    y_gap: Vec<f64>,
    /// Inside a solid box.
    solid: Vec<bool>,
    /// Index of the frame holding the point, or `u32::MAX`.
    frame: Vec<u32>,
    /// Routed links running through each point horizontally / vertically.
    h_use: Vec<u16>,
    v_use: Vec<u16>,
}

const NO_FRAME: u32 = u32::MAX;

/// Index range of sorted `v` strictly inside (lo, hi).
fn inside(v: &[f64], lo: f64, hi: f64) -> std::ops::Range<usize> {
    v.partition_point(|x| *x <= lo)..v.partition_point(|x| *x < hi)
}

impl Grid {
    fn new(scene: &Scene, reqs: &[Request]) -> Grid {
        let b = scene.bounds;
        let all = scene
            .solid
            .iter()
            .chain(&scene.frames)
            .chain(&scene.guides)
            .chain(std::iter::once(&b));
        let (mut ex, mut ey) = (Vec::new(), Vec::new());
        for r in all {
            ex.extend([r.x, r.x + r.w]);
            ey.extend([r.y, r.y + r.h]);
        }
        let (mut cx, mut cy) = (Vec::new(), Vec::new());
        for q in reqs {
            for e in [q.from, q.to] {
                let (x, y) = e.rect.center();
                cx.push(x);
                cy.push(y);
            }
        }
        let (xs, x_gap) = lines(&ex, &cx, b.x, b.x + b.w);
        let (ys, y_gap) = lines(&ey, &cy, b.y, b.y + b.h);
        let n = xs.len() * ys.len();
        let mut g = Grid {
            solid: vec![false; n],
            frame: vec![NO_FRAME; n],
            h_use: vec![0; n],
            v_use: vec![0; n],
            xs,
            ys,
            x_gap,
            y_gap,
        };
        for r in &scene.solid {
            g.paint(*r, 1.0, |g, i| g.solid[i] = true);
        }
        for (k, r) in scene.frames.iter().enumerate() {
            g.paint(*r, 0.0, |g, i| g.frame[i] = k as u32);
        }
        g
    }

    /// Applies `f` to every grid point strictly inside `r` grown by `grow`.
    fn paint(&mut self, r: Rect, grow: f64, f: impl Fn(&mut Grid, usize)) {
        let xi = inside(&self.xs, r.x - grow, r.x + r.w + grow);
        let yi = inside(&self.ys, r.y - grow, r.y + r.h + grow);
        let nx = self.xs.len();
        for iy in yi {
            for ix in xi.clone() {
                f(self, iy * nx + ix);
            }
        }
    }

    fn nx(&self) -> usize {
        self.xs.len()
    }

    fn pt(&self, i: usize) -> Pt {
        (self.xs[i % self.nx()], self.ys[i / self.nx()])
    }

    fn step(&self, i: usize, d: Dir) -> Option<usize> {
        let nx = self.nx();
        let (ix, iy) = (i % nx, i / nx);
        match d {
            Dir::Left => (ix > 0).then(|| i - 1),
            Dir::Right => (ix + 1 < nx).then(|| i + 1),
            Dir::Up => (iy > 0).then(|| i - nx),
            Dir::Down => (iy + 1 < self.ys.len()).then(|| i + nx),
        }
    }
}

/// A port: a free grid point just outside one side of an end's box, the
/// direction leaving that side, and the cost of reaching the side from it.
#[derive(Clone, Copy, Debug)]
struct Port {
    node: usize,
    out: Dir,
    cost: f64,
    /// The point on the box's side.
    on_side: Pt,
}

/// Which frames a link may cross: those holding one of its ends.
fn free(g: &Grid, i: usize, q: &Request) -> bool {
    if g.solid[i] {
        return false;
    }
    let f = g.frame[i];
    f == NO_FRAME
        || q.from.container.is_some_and(|c| c as u32 == f)
        || q.to.container.is_some_and(|c| c as u32 == f)
}

fn ports(g: &Grid, e: &End, q: &Request) -> Vec<Port> {
    let r = e.rect;
    let (cx, cy) = r.center();
    let mut out = Vec::new();
    // Top and bottom sides: the nearest y line outside, every x line along the side.
    let xr = inside(
        &g.xs,
        r.x + PORT_INSET.min(r.w / 3.0),
        r.x + r.w - PORT_INSET.min(r.w / 3.0),
    );
    let yr = inside(
        &g.ys,
        r.y + PORT_INSET.min(r.h / 3.0),
        r.y + r.h - PORT_INSET.min(r.h / 3.0),
    );
    let above = g.ys.partition_point(|y| *y < r.y).checked_sub(1);
    let below = g.ys.partition_point(|y| *y <= r.y + r.h);
    let left = g.xs.partition_point(|x| *x < r.x).checked_sub(1);
    let right = g.xs.partition_point(|x| *x <= r.x + r.w);
    let nx = g.nx();
    // Off-centre ports cost a little, so a lone link leaves from the middle.
    let off = |d: f64| d * 0.3;
    for (iy, side_y, dir) in [(above, r.y, Dir::Up), (Some(below), r.y + r.h, Dir::Down)] {
        let Some(iy) = iy.filter(|iy| *iy < g.ys.len()) else {
            continue;
        };
        for ix in xr.clone() {
            let node = iy * nx + ix;
            if free(g, node, q) {
                out.push(Port {
                    node,
                    out: dir,
                    cost: (g.ys[iy] - side_y).abs() + off((g.xs[ix] - cx).abs()),
                    on_side: (g.xs[ix], side_y),
                });
            }
        }
    }
    for (ix, side_x, dir) in [(left, r.x, Dir::Left), (Some(right), r.x + r.w, Dir::Right)] {
        let Some(ix) = ix.filter(|ix| *ix < nx) else {
            continue;
        };
        for iy in yr.clone() {
            let node = iy * nx + ix;
            if free(g, node, q) {
                out.push(Port {
                    node,
                    out: dir,
                    cost: (g.xs[ix] - side_x).abs() + off((g.ys[iy] - cy).abs()),
                    on_side: (side_x, g.ys[iy]),
                });
            }
        }
    }
    out
}

fn opposite(d: Dir) -> Dir {
    match d {
        Dir::Left => Dir::Right,
        Dir::Right => Dir::Left,
        Dir::Up => Dir::Down,
        Dir::Down => Dir::Up,
    }
}

#[derive(PartialEq)]
struct Entry {
    f: f64,
    g: f64,
    state: usize,
}
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        o.f.total_cmp(&self.f).then(self.g.total_cmp(&o.g))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Reusable search arrays (stamped, so nothing is cleared between links).
struct Search {
    best: Vec<f64>,
    prev: Vec<u32>,
    stamp: Vec<u32>,
    /// Grid points that are ports of the current target (stamped).
    goal: Vec<u32>,
    now: u32,
}

const START: u32 = u32::MAX;

impl Search {
    fn new(states: usize) -> Search {
        Search {
            goal: vec![0; states / 4],
            best: vec![f64::INFINITY; states],
            prev: vec![START; states],
            stamp: vec![0; states],
            now: 0,
        }
    }
    fn best(&self, s: usize) -> f64 {
        if self.stamp[s] == self.now {
            self.best[s]
        } else {
            f64::INFINITY
        }
    }
    fn set(&mut self, s: usize, g: f64, p: u32) {
        self.stamp[s] = self.now;
        self.best[s] = g;
        self.prev[s] = p;
    }
}

/// Distance from `p` to the rectangle `r` (0 inside), along the axes.
fn manhattan_to(p: Pt, r: Rect) -> f64 {
    let dx = (r.x - p.0).max(p.0 - (r.x + r.w)).max(0.0);
    let dy = (r.y - p.1).max(p.1 - (r.y + r.h)).max(0.0);
    dx + dy
}

/// The cheapest path for `q` on `g` as grid points, with its ports; `None`
/// when no path exists.
fn search(g: &Grid, s: &mut Search, q: &Request) -> Option<(Port, Vec<usize>, Port)> {
    let (a, b) = (q.from.rect, q.to.rect);
    let (x0, x1) = (a.x.min(b.x), (a.x + a.w).max(b.x + b.w));
    let (y0, y1) = (a.y.min(b.y), (a.y + a.h).max(b.y + b.h));
    let m = WINDOW.max((x1 - x0).max(y1 - y0) * 0.25);
    let window = (
        g.xs.partition_point(|x| *x < x0 - m),
        g.xs.partition_point(|x| *x <= x1 + m),
        g.ys.partition_point(|y| *y < y0 - m),
        g.ys.partition_point(|y| *y <= y1 + m),
    );
    search_in(g, s, q, window).or_else(|| search_in(g, s, q, (0, g.xs.len(), 0, g.ys.len())))
}

/// [`search`] within a window of grid indices (x from, x to, y from, y to).
fn search_in(
    g: &Grid,
    s: &mut Search,
    q: &Request,
    window: (usize, usize, usize, usize),
) -> Option<(Port, Vec<usize>, Port)> {
    let src = ports(g, &q.from, q);
    let dst = ports(g, &q.to, q);
    if src.is_empty() || dst.is_empty() {
        return None;
    }
    s.now = s.now.wrapping_add(1);
    if s.now == 0 {
        s.stamp.iter_mut().for_each(|v| *v = 0);
        s.goal.iter_mut().for_each(|v| *v = 0);
        s.now = 1;
    }
    for p in &dst {
        s.goal[p.node] = s.now;
    }
    let t = q.to.rect;
    let h = |i: usize| {
        let p = g.pt(i);
        let aligned = (p.0 > t.x && p.0 < t.x + t.w) || (p.1 > t.y && p.1 < t.y + t.h);
        manhattan_to(p, t) + if aligned { 0.0 } else { BEND }
    };
    let mut heap = BinaryHeap::new();
    for p in &src {
        let st = p.node * 4 + p.out as usize;
        if p.cost < s.best(st) {
            s.set(st, p.cost, START);
            heap.push(Entry {
                f: p.cost + h(p.node),
                g: p.cost,
                state: st,
            });
        }
    }
    let mut found: Option<(f64, usize, Port)> = None;
    while let Some(Entry { f, g: gc, state }) = heap.pop() {
        if found.as_ref().is_some_and(|(c, _, _)| f >= *c) {
            break;
        }
        if gc > s.best(state) {
            continue;
        }
        let (node, dir) = (state / 4, DIRS[state % 4]);
        if s.goal[node] == s.now {
            for p in dst.iter().filter(|p| p.node == node) {
                let into = opposite(p.out);
                let total = gc + p.cost + if into == dir { 0.0 } else { BEND };
                if found.as_ref().map_or(true, |(c, _, _)| total < *c) {
                    found = Some((total, state, *p));
                }
            }
        }
        for d in DIRS {
            if d == opposite(dir) {
                continue;
            }
            let Some(next) = g.step(node, d) else {
                continue;
            };
            let (ix, iy) = (next % g.nx(), next / g.nx());
            if ix < window.0
                || ix >= window.1
                || iy < window.2
                || iy >= window.3
                || !free(g, next, q)
            {
                continue;
            }
            let (a, b) = (g.pt(node), g.pt(next));
            let len = (a.0 - b.0).abs() + (a.1 - b.1).abs();
            let (along, across) = if d.horizontal() {
                (g.h_use[next], g.v_use[next])
            } else {
                (g.v_use[next], g.h_use[next])
            };
            let cost = len * (1.0 + SHARE * f64::from(along))
                + CROSS * f64::from(across)
                + if d == dir { 0.0 } else { BEND };
            let ns = next * 4 + d as usize;
            let ng = gc + cost;
            if ng < s.best(ns) {
                s.set(ns, ng, state as u32);
                heap.push(Entry {
                    f: ng + h(next),
                    g: ng,
                    state: ns,
                });
            }
        }
    }
    let (_, last, end) = found?;
    let mut nodes = vec![last / 4];
    let mut st = last;
    let mut first = st;
    while s.prev[st] != START {
        st = s.prev[st] as usize;
        nodes.push(st / 4);
        first = st;
    }
    nodes.reverse();
    let start = src
        .iter()
        .find(|p| p.node == first / 4 && p.out as usize == first % 4)
        .copied()?;
    Some((start, nodes, end))
}

/// Marks (or unmarks, `add` false) a path's grid points as used.
fn mark(g: &mut Grid, nodes: &[usize], add: bool) {
    for w in nodes.windows(2) {
        let (a, b) = (w[0], w[1]);
        let horizontal = a / g.nx() == b / g.nx();
        for i in [a, b] {
            let u = if horizontal {
                &mut g.h_use[i]
            } else {
                &mut g.v_use[i]
            };
            *u = if add {
                u.saturating_add(1)
            } else {
                u.saturating_sub(1)
            };
        }
    }
}

/// True when another routed link runs across `nodes` (the path's own
/// marks discounted) at one of its points.
fn meets_across(g: &Grid, nodes: &[usize]) -> bool {
    let nx = g.nx();
    nodes.iter().enumerate().any(|(j, &i)| {
        let (mut own_h, mut own_v) = (0u16, 0u16);
        for o in [
            j.checked_sub(1).map(|p| nodes[p]),
            nodes.get(j + 1).copied(),
        ]
        .into_iter()
        .flatten()
        {
            if o / nx == i / nx {
                own_h += 1;
            } else {
                own_v += 1;
            }
        }
        (own_h > 0 && g.v_use[i] > own_v) || (own_v > 0 && g.h_use[i] > own_h)
    })
}

/// A routed link before nudging: its corner points on the grid.
struct Routed {
    points: Vec<Pt>,
    /// Gap width of the grid line each segment runs on.
    gaps: Vec<f64>,
}

fn to_points(g: &Grid, start: &Port, nodes: &[usize], end: &Port) -> Routed {
    let mut pts = vec![start.on_side];
    pts.extend(nodes.iter().map(|n| g.pt(*n)));
    pts.push(end.on_side);
    let pts = simplify(pts);
    let gaps = pts
        .windows(2)
        .map(|w| {
            if (w[0].0 - w[1].0).abs() < 1e-6 {
                let i = g.xs.partition_point(|x| *x < w[0].0 - 1e-6);
                g.x_gap.get(i).copied().unwrap_or(TRACK * 4.0)
            } else {
                let i = g.ys.partition_point(|y| *y < w[0].1 - 1e-6);
                g.y_gap.get(i).copied().unwrap_or(TRACK * 4.0)
            }
        })
        .collect();
    Routed { points: pts, gaps }
}

/// Drops repeated and collinear points.
fn simplify(pts: Vec<Pt>) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (q.0 - p.0).abs() < 1e-6 && (q.1 - p.1).abs() < 1e-6)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.0 - b.0).abs() < 1e-6 && (b.0 - p.0).abs() < 1e-6)
                || ((a.1 - b.1).abs() < 1e-6 && (b.1 - p.1).abs() < 1e-6);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The fallback when no grid path exists: an L from centre to centre,
/// clipped to the two boxes (the link is still drawn).
fn fallback(q: &Request) -> Vec<Pt> {
    let (a, b) = (q.from.rect, q.to.rect);
    let (ax, ay) = a.center();
    let (bx, by) = b.center();
    let start = if by >= a.y + a.h {
        (ax, a.y + a.h)
    } else if by <= a.y {
        (ax, a.y)
    } else if bx > ax {
        (a.x + a.w, ay)
    } else {
        (a.x, ay)
    };
    let end = if start.1 < b.y {
        (bx, b.y)
    } else if start.1 > b.y + b.h {
        (bx, b.y + b.h)
    } else if start.0 < bx {
        (b.x, by)
    } else {
        (b.x + b.w, by)
    };
    simplify(vec![start, (start.0, end.1.max(start.1.min(end.1))), end])
}

/// Routes every request; the result has one orthogonal polyline per
/// request, in order, starting on the source's box and ending on the target's.
pub fn route(scene: &Scene, reqs: &[Request]) -> Vec<Vec<Pt>> {
    let mut g = Grid::new(scene, reqs);
    let mut s = Search::new(g.xs.len() * g.ys.len() * 4);
    // Shortest first: they have the fewest choices.
    let mut order: Vec<usize> = (0..reqs.len()).collect();
    let span = |q: &Request| {
        let (a, b) = (q.from.rect.center(), q.to.rect.center());
        (a.0 - b.0).abs() + (a.1 - b.1).abs()
    };
    order.sort_by(|a, b| span(&reqs[*a]).total_cmp(&span(&reqs[*b])).then(a.cmp(b)));
    let mut paths: Vec<Option<(Port, Vec<usize>, Port)>> = vec![None; reqs.len()];
    for pass in 0..PASSES {
        for &k in &order {
            if pass > 0 {
                // Only links that meet another at right angles can gain.
                match &paths[k] {
                    Some((_, n, _)) if meets_across(&g, n) => {
                        let n = n.clone();
                        mark(&mut g, &n, false);
                    }
                    _ => continue,
                }
            }
            let found = search(&g, &mut s, &reqs[k]);
            if let Some((_, n, _)) = &found {
                mark(&mut g, n, true);
            }
            if found.is_some() || pass == 0 {
                paths[k] = found;
            } else if let Some((_, n, _)) = &paths[k] {
                let n = n.clone();
                mark(&mut g, &n, true);
            }
        }
    }
    let routed: Vec<Option<Routed>> = paths
        .iter()
        .map(|p| p.as_ref().map(|(a, n, b)| to_points(&g, a, n, b)))
        .collect();
    let mut out = nudge(&routed, reqs);
    for (k, p) in out.iter_mut().enumerate() {
        // Nudging estimates each channel's width; where a moved piece would
        // enter a box, the link keeps its unmoved route.
        if let Some(r) = &routed[k] {
            if !clear(scene, &reqs[k], p) {
                p.clone_from(&r.points);
            }
        }
    }
    for (k, p) in out.iter_mut().enumerate() {
        if p.len() < 2 {
            *p = fallback(&reqs[k]);
        }
    }
    out
}

/// True when no piece of `pts` enters a solid box, or a segment box that
/// holds neither end of `q`.
pub fn clear(scene: &Scene, q: &Request, pts: &[Pt]) -> bool {
    let enters = |a: Pt, b: Pt, r: &Rect| {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        x0 < r.x + r.w - 1.0 && x1 > r.x + 1.0 && y0 < r.y + r.h - 1.0 && y1 > r.y + 1.0
    };
    pts.windows(2).all(|w| {
        scene.solid.iter().all(|r| !enters(w[0], w[1], r))
            && scene.frames.iter().enumerate().all(|(k, r)| {
                q.from.container == Some(k) || q.to.container == Some(k) || !enters(w[0], w[1], r)
            })
    })
}

/// One straight piece of a routed path, for nudging.
struct Piece {
    path: usize,
    seg: usize,
    /// Its fixed coordinate (x of a vertical piece, y of a horizontal one).
    at: f64,
    lo: f64,
    hi: f64,
    /// Order key in its channel (larger: further right / further down).
    key: f64,
    gap: f64,
}

/// Moves pieces of different paths that run on the same grid line over the
/// same stretch apart onto parallel tracks.
fn nudge(routed: &[Option<Routed>], reqs: &[Request]) -> Vec<Vec<Pt>> {
    let mut groups: HashMap<(bool, i64), Vec<Piece>> = HashMap::new();
    for (p, r) in routed.iter().enumerate() {
        let Some(r) = r else { continue };
        let pts = &r.points;
        for s in 0..pts.len().saturating_sub(1) {
            let (a, b) = (pts[s], pts[s + 1]);
            let vertical = (a.0 - b.0).abs() < 1e-6;
            // Direction the path turns to at each end of the piece (-1, 0, +1
            // across the piece's axis; 0 at a box).
            let turn = |other: Option<&Pt>, at: &Pt| -> f64 {
                match other {
                    Some(o) if vertical => (o.0 - at.0).signum(),
                    Some(o) => (o.1 - at.1).signum(),
                    None => 0.0,
                }
            };
            let before = if s > 0 { pts.get(s - 1) } else { None };
            let after = pts.get(s + 2);
            let (ta, tb) = (turn(before, &a), turn(after, &b));
            let (at, la, lb) = if vertical {
                (a.0, a.1, b.1)
            } else {
                (a.1, a.0, b.0)
            };
            // Lower end first.
            let (lo, hi, t_lo, t_hi) = if la <= lb {
                (la, lb, ta, tb)
            } else {
                (lb, la, tb, ta)
            };
            groups
                .entry((vertical, (at * 2.0).round() as i64))
                .or_default()
                .push(Piece {
                    path: p,
                    seg: s,
                    at,
                    lo,
                    hi,
                    key: t_lo * lo - t_hi * hi,
                    gap: r.gaps[s],
                });
        }
    }
    let mut shift: HashMap<(usize, usize), f64> = HashMap::new();
    for ((_, _), mut pieces) in groups {
        if pieces.len() < 2 {
            continue;
        }
        pieces.sort_by(|a, b| a.key.total_cmp(&b.key).then(a.path.cmp(&b.path)));
        let mut track = vec![0usize; pieces.len()];
        for i in 0..pieces.len() {
            let mut t = 0;
            for j in 0..i {
                let overlap = pieces[i].lo.max(pieces[j].lo) < pieces[i].hi.min(pieces[j].hi) - 0.5;
                if overlap && pieces[i].path != pieces[j].path {
                    t = t.max(track[j] + 1);
                }
            }
            track[i] = t;
        }
        let n = track.iter().max().map_or(1, |m| m + 1);
        if n < 2 {
            continue;
        }
        let gap = pieces.iter().map(|p| p.gap).fold(f64::INFINITY, f64::min);
        let step = TRACK.min(gap / (n as f64 + 1.0));
        for (i, p) in pieces.iter().enumerate() {
            let off = (track[i] as f64 - (n as f64 - 1.0) / 2.0) * step;
            shift.insert((p.path, p.seg), p.at + off);
        }
    }
    routed
        .iter()
        .enumerate()
        .map(|(p, r)| {
            let Some(r) = r else { return Vec::new() };
            let mut pts = r.points.clone();
            let last = pts.len() - 1;
            for s in 0..last {
                let Some(mut v) = shift.get(&(p, s)).copied() else {
                    continue;
                };
                let vertical = (pts[s].0 - pts[s + 1].0).abs() < 1e-6;
                // A piece that starts or ends on a box slides along its side, never off it.
                let clamp = |v: f64, rect: Rect| {
                    if vertical {
                        v.clamp(rect.x + 2.0, rect.x + rect.w - 2.0)
                    } else {
                        v.clamp(rect.y + 2.0, rect.y + rect.h - 2.0)
                    }
                };
                if s == 0 {
                    v = clamp(v, reqs[p].from.rect);
                }
                if s + 1 == last {
                    v = clamp(v, reqs[p].to.rect);
                }
                for q in [s, s + 1] {
                    if vertical {
                        pts[q].0 = v;
                    } else {
                        pts[q].1 = v;
                    }
                }
            }
            pts
        })
        .collect()
}

/// SVG path data of an orthogonal polyline.
pub fn path_data(pts: &[Pt]) -> String {
    let mut s = String::new();
    for (i, p) in pts.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("M{:.1},{:.1}", p.0, p.1));
        } else {
            let q = pts[i - 1];
            if (q.0 - p.0).abs() < 1e-6 {
                s.push_str(&format!(" V{:.1}", p.1));
            } else if (q.1 - p.1).abs() < 1e-6 {
                s.push_str(&format!(" H{:.1}", p.0));
            } else {
                s.push_str(&format!(" L{:.1},{:.1}", p.0, p.1));
            }
        }
    }
    s
}

/// Where a link's label goes: the middle of its longest straight piece.
pub fn label_point(pts: &[Pt]) -> Pt {
    pts.windows(2)
        .max_by(|a, b| {
            let l = |w: &[Pt]| (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs();
            l(a).total_cmp(&l(b))
        })
        .map_or(pts.first().copied().unwrap_or((0.0, 0.0)), |w| {
            ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0)
        })
}

/// Pairs of paths that cross, counted as `benches/crossings.py` does: two
/// pieces properly intersecting, unless the crossing piece of the first path
/// starts within `near` of an end of either path (links meeting at one box
/// do not count).
pub fn crossings(paths: &[Vec<Pt>], near: f64) -> usize {
    let cross = |a: Pt, b: Pt, c: Pt, d: Pt| -> bool {
        let o = |p: Pt, q: Pt, r: Pt| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
        let (d1, d2, d3, d4) = (o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d));
        d1 * d2 < 0.0 && d3 * d4 < 0.0
    };
    let mut n = 0;
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            let (Some(a0), Some(a1), Some(b0), Some(b1)) =
                (a.first(), a.last(), b.first(), b.last())
            else {
                continue;
            };
            let ends = [*a0, *a1, *b0, *b1];
            let by_an_end = |p: Pt| {
                ends.iter()
                    .any(|e| (e.0 - p.0).abs() < near && (e.1 - p.1).abs() < near)
            };
            let hit = a.windows(2).any(|s| {
                b.windows(2)
                    .any(|t| cross(s[0], s[1], t[0], t[1]) && !by_an_end(s[0]))
            });
            n += usize::from(hit);
        }
    }
    n
}
