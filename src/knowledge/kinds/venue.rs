//! `[[venue]]`: a place where the event or its sessions happen, with the rooms sessions can be held in.
//! A venue is physical (a street address), online (a link to join instead of an address), or hybrid
//! (both); an imported venue may say neither, since schedule exports name rooms, rarely the building.

use serde::Deserialize;
use toml::Spanned;

use crate::knowledge::check_place::zone_disagrees;
use crate::knowledge::diagnostic::{Origin, SourceFile};
use crate::knowledge::kind::{Check, EntryKind, Kind, Parsed, Text};
use crate::knowledge::model::Knowledge;

/// `[[venue]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueEntry {
    pub id: Text,
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    /// A map link for the address.
    pub map: Option<Text>,
    /// Whether the venue is online (or hybrid, with an address too); an online venue has a `url`.
    pub online: Option<Spanned<bool>>,
    /// Where to join an online venue, or the venue's website.
    pub url: Option<Text>,
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
    /// What the room is or where it is: "Ground floor, by the entrance", "S010".
    pub description: Option<String>,
    /// Which floor it is on: "first floor", "-1".
    pub floor: Option<String>,
    /// How many people it seats.
    pub capacity: Option<Spanned<i64>>,
    /// A room that exists only online, with where to join it.
    #[serde(default)]
    pub online: bool,
    pub url: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

/// A venue, checked.
#[derive(Debug, Clone)]
pub struct Venue {
    pub id: String,
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub map: Option<String>,
    pub online: bool,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub rooms: Vec<Room>,
    pub directions: Option<String>,
    pub keywords: Vec<String>,
    pub origin: Origin,
}

impl Venue {
    /// The postal address on one line, as far as the knowledge gives it: street, postcode and city,
    /// country. `None` when it gives none of them.
    pub fn full_address(&self) -> Option<String> {
        let town = match (&self.postcode, &self.city) {
            (Some(postcode), Some(city)) => Some(format!("{postcode} {city}")),
            (None, Some(city)) => Some(city.clone()),
            // A postcode alone says too little to show.
            (_, None) => None,
        };
        let parts: Vec<&str> = [
            self.address.as_deref(),
            town.as_deref(),
            self.country.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// What to call the venue: its name, else its address, else its city.
    pub fn label(&self) -> Option<&str> {
        self.name
            .as_deref()
            .or(self.address.as_deref())
            .or(self.city.as_deref())
    }
}

/// A room, checked.
#[derive(Debug, Clone)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub floor: Option<String>,
    pub capacity: Option<u32>,
    pub online: bool,
    pub url: Option<String>,
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
        for (field, link) in [("map", &v.map), ("url", &v.url)] {
            if let Some(link) = link {
                cx.url(f, &link.span(), field, link.get_ref());
            }
        }
        let online = v.online.as_ref().is_some_and(|o| *o.get_ref());
        if let Some(flag) = &v.online
            && online
            && v.url.is_none()
        {
            cx.error(
                f,
                &flag.span(),
                format!(
                    "venue `{}` is online: give the `url` participants join it at",
                    v.id.get_ref()
                ),
            );
        }
        let place = v.city.as_deref().or(v.country.as_deref());
        if let (Some((start, _)), Some(place)) = (&cx.window, place) {
            let at = start.timestamp();
            let city = v.city.as_deref().unwrap_or_default();
            if let Some(problem) = zone_disagrees(city, v.country.as_deref(), &cx.time_zone, at) {
                cx.warning(
                    f,
                    &v.id.span(),
                    format!("venue `{}` is in {place}: {problem}", v.id.get_ref()),
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
            online,
            url: v.url.as_ref().map(|u| u.get_ref().clone()),
            aliases: cx.words(f, &v.aliases, "alias"),
            rooms: v.rooms.iter().map(|r| check_room(r, cx, f)).collect(),
            directions: v.directions.clone(),
            keywords: cx.words(f, &v.keywords, "keyword"),
            origin: Origin::new(f, &p.span),
        })
    }
}

/// A room: its capacity a positive number of seats, its link http(s).
fn check_room(r: &RoomEntry, cx: &mut Check<'_>, f: &SourceFile) -> Room {
    if let Some(url) = &r.url {
        cx.url(f, &url.span(), "url", url.get_ref());
    }
    let capacity = r
        .capacity
        .as_ref()
        .and_then(|c| match u32::try_from(*c.get_ref()) {
            Ok(seats) if seats > 0 => Some(seats),
            _ => {
                cx.error(
                    f,
                    &c.span(),
                    format!(
                        "`capacity` of room `{}` is a number of seats, at least 1, not {}",
                        r.id.get_ref(),
                        c.get_ref()
                    ),
                );
                None
            }
        });
    Room {
        id: r.id.get_ref().clone(),
        name: r.name.clone(),
        description: r.description.clone(),
        floor: r.floor.clone(),
        capacity,
        online: r.online,
        url: r.url.as_ref().map(|u| u.get_ref().clone()),
        aliases: cx.words(f, &r.aliases, "alias"),
    }
}
