//! `[[venue]]`: a place where the event or its sessions happen, with the rooms sessions can be held in.

use serde::Deserialize;

use crate::knowledge::check_place::zone_disagrees;
use crate::knowledge::diagnostic::Origin;
use crate::knowledge::kind::{Check, EntryKind, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[venue]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueEntry {
    pub id: Text,
    pub name: String,
    pub address: String,
    pub postcode: Option<String>,
    pub city: String,
    pub country: Option<String>,
    /// A map link for the address.
    pub map: Option<Text>,
    /// Other spellings people use ("Clingendeal").
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub rooms: Vec<RoomEntry>,
    pub directions: Option<String>,
    #[serde(default)]
    pub keywords: Vec<Text>,
}

/// `[[venue.rooms]]` as written: a room sessions can be held in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomEntry {
    pub id: Text,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

/// A venue, checked.
#[derive(Debug, Clone)]
pub struct Venue {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: Option<String>,
    pub city: String,
    pub country: Option<String>,
    pub map: Option<String>,
    pub aliases: Vec<String>,
    pub rooms: Vec<Room>,
    pub directions: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Venue {
    /// The full postal address on one line: street, postcode and city, country.
    pub fn full_address(&self) -> String {
        let mut line = self.address.clone();
        match &self.postcode {
            Some(postcode) => line.push_str(&format!(", {postcode} {}", self.city)),
            None => line.push_str(&format!(", {}", self.city)),
        }
        if let Some(country) = &self.country {
            line.push_str(&format!(", {country}"));
        }
        line
    }
}

/// A room, checked.
#[derive(Debug, Clone)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// A room, by the venue it is in and its place in that venue's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoomRef {
    pub venue: usize,
    pub room: usize,
}

/// Rooms have ids of their own, unique with every other id; sessions refer to them.
pub const ROOM: EntryKind = EntryKind::nested("room", "no venue lists `rooms`");

impl Knowledge {
    /// Every venue, in file order.
    pub fn venues(&self) -> &[Venue] {
        self.all()
    }

    /// A room's name.
    pub fn room_name(&self, room: RoomRef) -> &str {
        &self.venues()[room.venue].rooms[room.room].name
    }
}

impl Kind for Venue {
    const SECTION: &'static str = "venue";
    const COUNTED: [&'static str; 2] = ["venue", "venues"];
    type Entry = VenueEntry;

    fn id(entry: &VenueEntry) -> Option<&Text> {
        Some(&entry.id)
    }

    /// Each venue's id, then its rooms'.
    fn register(entries: &[Parsed<VenueEntry>], cx: &mut Check<'_>) {
        cx.declare(ROOM);
        for (index, p) in entries.iter().enumerate() {
            cx.register(p.file, &p.entry.id, Self::KIND, (index, 0));
            for (r, room) in p.entry.rooms.iter().enumerate() {
                cx.register(p.file, &room.id, ROOM, (index, r));
            }
        }
    }

    fn keywords(entry: &VenueEntry) -> Vec<&Text> {
        entry.keywords.iter().chain(&entry.aliases).collect()
    }

    fn check(p: &Parsed<VenueEntry>, cx: &mut Check<'_>) -> Option<Venue> {
        let f = cx.file(p.file);
        let v = &p.entry;
        if let Some(map) = &v.map {
            cx.link(f, map, "map");
        }
        if let Some((start, _)) = &cx.window {
            let at = start.timestamp();
            if let Some(problem) = zone_disagrees(&v.city, v.country.as_deref(), &cx.time_zone, at)
            {
                cx.warning(
                    f,
                    &v.id.span(),
                    format!("venue `{}` is in {}: {problem}", v.id.get_ref(), v.city),
                );
            }
        }
        Some(Venue {
            id: v.id.get_ref().clone(),
            name: v.name.clone(),
            address: v.address.clone(),
            postcode: v.postcode.clone(),
            city: v.city.clone(),
            country: v.country.clone(),
            map: v.map.as_ref().map(|m| m.get_ref().clone()),
            aliases: cx.words(f, &v.aliases, "alias"),
            rooms: v
                .rooms
                .iter()
                .map(|r| Room {
                    id: r.id.get_ref().clone(),
                    name: r.name.clone(),
                    aliases: cx.words(f, &r.aliases, "alias"),
                })
                .collect(),
            directions: v.directions.clone(),
            keywords: cx.words(f, &v.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}
